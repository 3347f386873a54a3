"""Progress on a terminal: one line per step, a live status line while a step runs."""

from __future__ import annotations

import os
import sys
import time


class Progress:
    """One line per step on a terminal (stderr); silent when quiet or not a terminal.

    While a step runs, a tqdm status line shows its elapsed time and what it is doing
    (`detail`), refreshed twice a second: a million-row forum's data step takes tens of
    seconds, and a still line would look hung. tqdm is imported only on a terminal.
    """

    def __init__(self, quiet: bool = False, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.perf_counter()
        self.timings: dict[str, float] = {}
        self._step: str | None = None
        self._label = ""
        self._start = 0.0
        self._bar = None
        self._ticker = None

    def step(self, name: str, label: str) -> None:
        self.done()
        self._step, self._label, self._start = name, label, time.perf_counter()
        if self.enabled:
            import threading

            from tqdm import tqdm

            self._bar = tqdm(total=None, desc=f"  {label}", file=self.stream, leave=False,
                             bar_format="{desc}… {elapsed}{postfix}", mininterval=0.5,
                             ncols=self._size()[0], nrows=self._size()[1])
            stop = threading.Event()
            bar = self._bar

            def tick() -> None:
                while not stop.wait(0.5):
                    bar.refresh()

            self._ticker = (stop, threading.Thread(target=tick, daemon=True))
            self._ticker[1].start()

    def _size(self) -> tuple[int, int]:
        """The terminal's width and height; 80 x 24 where it has none (on a pseudo-terminal
        of size 0, as `script` or some CI runners make, tqdm would print nothing)."""
        try:
            size = os.get_terminal_size(self.stream.fileno())
            return size.columns or 80, size.lines or 24
        except (OSError, AttributeError, ValueError):
            return 80, 24

    def detail(self, text: str) -> None:
        """What the current step is doing now (shown beside its elapsed time)."""
        if self._bar is not None:
            self._bar.set_postfix_str(text, refresh=True)

    def done(self) -> None:
        if self._step is None:
            return
        took = time.perf_counter() - self._start
        self.timings[self._step] = took
        if self._bar is not None:
            stop, thread = self._ticker
            stop.set()
            thread.join()
            self._bar.close()
            self._bar = None
        if self.enabled:
            self.stream.write(f"  {self._label}… {took:.1f} s\n")
            self.stream.flush()
        self._step = None

    def say(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()
