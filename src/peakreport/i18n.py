"""French and English: every label of the report, and numbers and dates in the language's format.

Formatting goes through babel so that French gets "42,5 %" (narrow no-break spaces)
and "15 décembre 2021", English "42.5%" and "15 December 2021".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal, format_percent

LOCALES = {"fr": "fr_FR", "en": "en_GB"}

TEXT: dict[str, dict[str, str]] = {
    "report_kind": {"fr": "Rapport d'impact de l'événement", "en": "Event impact report"},
    "programme_report_kind": {"fr": "Rapport de programme", "en": "Programme report"},
    "date": {"fr": "Date", "en": "Date"},
    "venue": {"fr": "Lieu", "en": "Venue"},
    "organiser": {"fr": "Organisateur", "en": "Organiser"},
    "programme": {"fr": "Programme", "en": "Programme"},
    "funders": {"fr": "Financeurs", "en": "Funders"},
    "contents": {"fr": "Sommaire", "en": "Contents"},
    "generated": {"fr": "Rapport produit le {date} par peakreport",
                  "en": "Report produced on {date} by peakreport"},
    # sections
    "key_figures": {"fr": "Chiffres clés", "en": "Key figures"},
    "audience": {"fr": "Public", "en": "Audience"},
    "registrations_over_time": {"fr": "Inscriptions dans le temps",
                                "en": "Registrations over time"},
    "satisfaction": {"fr": "Satisfaction et recommandation",
                     "en": "Satisfaction and recommendation"},
    "questions": {"fr": "Questions complémentaires", "en": "Further questions"},
    "comments": {"fr": "Paroles de participants", "en": "What participants said"},
    "method": {"fr": "Qualité des données et méthode", "en": "Data quality and method"},
    "highlights": {"fr": "Faits marquants", "en": "Highlights"},
    "change": {"fr": "Par rapport au forum précédent", "en": "Compared with the previous forum"},
    # key figures
    "attended": {"fr": "Participants présents", "en": "Attendees"},
    "registered": {"fr": "Inscrits", "en": "Registered"},
    "attendance_rate": {"fr": "Taux de présence", "en": "Attendance rate"},
    "no_show_rate": {"fr": "Taux d'absence", "en": "No-show rate"},
    "regional_share": {"fr": "Part du territoire", "en": "Share from the territory"},
    "satisfaction_mean": {"fr": "Satisfaction moyenne", "en": "Average satisfaction"},
    "csat": {"fr": "Participants satisfaits", "en": "Satisfied participants"},
    "nps": {"fr": "Net Promoter Score", "en": "Net Promoter Score"},
    "response_rate": {"fr": "Taux de réponse à l'enquête", "en": "Survey response rate"},
    "responses": {"fr": "Réponses à l'enquête", "en": "Survey responses"},
    "would_join_next_share": {"fr": "Souhaitent poursuivre", "en": "Want to join the next phase"},
    "unique_participants": {"fr": "Participants uniques", "en": "Unique participants"},
    "unique_organisations": {"fr": "Organisations uniques", "en": "Unique organisations"},
    "target": {"fr": "objectif", "en": "target"},
    "met": {"fr": "objectif atteint", "en": "target met"},
    "not_met": {"fr": "objectif non atteint", "en": "target missed"},
    "not_computable": {"fr": "non calculable", "en": "not computable"},
    "out_of_5": {"fr": "sur 5", "en": "out of 5"},
    "of_registered": {"fr": "des inscrits", "en": "of registrants"},
    "of_attendees": {"fr": "des présents", "en": "of attendees"},
    "of_respondents": {"fr": "des répondants", "en": "of respondents"},
    "margin": {"fr": "marge d'erreur ± {moe} points (95 %)",
               "en": "margin of error ± {moe} points (95%)"},
    "interval": {"fr": "intervalle de confiance à 95 % : {lo} – {hi}",
                 "en": "95% confidence interval: {lo} – {hi}"},
    "answers": {"fr": "{n} réponses", "en": "{n} answers"},
    # change since the previous forum (key figures, the change table)
    "trend_up": {"fr": "en hausse depuis {forum} ({previous})",
                 "en": "up since {forum} ({previous})"},
    "trend_down": {"fr": "en baisse depuis {forum} ({previous})",
                   "en": "down since {forum} ({previous})"},
    "trend_stable": {"fr": "stable (dans la marge d'erreur) depuis {forum}",
                     "en": "stable (within the margin of error) since {forum}"},
    "trend_count": {"fr": "{previous} en {forum}", "en": "{previous} in {forum}"},
    "trend_untested": {"fr": "{previous} en {forum} (trop peu de réponses pour comparer)",
                       "en": "{previous} in {forum} (too few answers to compare)"},
    "previous_forum": {"fr": "le forum précédent", "en": "the previous forum"},
    "change_caption": {"fr": "Évolution depuis {forum} : écart et plus petit écart détectable",
                       "en": "Change since {forum}: the change and the smallest detectable one"},
    "indicator": {"fr": "Indicateur", "en": "Metric"},
    "delta": {"fr": "Écart", "en": "Change"},
    "detectable": {"fr": "Écart détectable (95 %)", "en": "Detectable change (95%)"},
    "reading": {"fr": "Lecture", "en": "Reading"},
    "reading_up": {"fr": "en hausse", "en": "up"},
    "reading_down": {"fr": "en baisse", "en": "down"},
    "reading_stable": {"fr": "stable (dans la marge d'erreur)",
                       "en": "stable (within the margin of error)"},
    "reading_count": {"fr": "effectif : pas de test", "en": "a count: no test"},
    "reading_untested": {"fr": "non testable (trop peu de réponses)",
                         "en": "cannot be tested (too few answers)"},
    "change_note": {
        "fr": "Écart détectable : le plus petit écart que ces effectifs permettent de distinguer "
              "du hasard (demi-largeur de l'intervalle de confiance à 95 % de l'écart). Un écart "
              "plus petit est dit stable : il peut venir du seul hasard de l'échantillon.",
        "en": "Detectable change: the smallest change these sample sizes can tell from chance "
              "(the half-width of the 95% confidence interval of the change). A smaller change "
              "is called stable: chance alone could explain it."},
    "changes_caption": {"fr": "Évolution d'un forum au suivant : écart, écart détectable à "
                              "95 % et lecture",
                        "en": "Change from one forum to the next: the change, the detectable "
                              "change (95%) and its reading"},
    "highlights_none": {"fr": "Aucun fait marquant ne ressort des données de ce forum.",
                        "en": "No highlight stands out from this forum's data."},
    # communities
    "company": {"fr": "Entreprises", "en": "Companies"},
    "training": {"fr": "Formation", "en": "Training bodies"},
    "institution": {"fr": "Institutions", "en": "Public institutions"},
    "expert": {"fr": "Experts", "en": "Experts"},
    "other": {"fr": "Autres", "en": "Other"},
    "unknown": {"fr": "Non renseigné", "en": "Not given"},
    # charts
    "by_community": {"fr": "Participants par type de structure",
                     "en": "Attendees by type of organisation"},
    "by_sector": {"fr": "Participants par secteur d'activité", "en": "Attendees by sector"},
    "by_size": {"fr": "Participants par taille d'entreprise", "en": "Attendees by company size"},
    "by_departement": {"fr": "Participants par département", "en": "Attendees by département"},
    "people": {"fr": "Personnes", "en": "People"},
    # maps
    "territory_map": {"fr": "Carte des participants par département",
                      "en": "Map of attendees by département"},
    "map_shape": {"fr": "{place} : {n} {unit}", "en": "{place}: {n} {unit}"},
    "map_none": {"fr": "aucun", "en": "none"},
    "map_range": {"fr": "{lo} à {hi}", "en": "{lo} to {hi}"},
    "map_territory": {"fr": "trait épais : le territoire ({name})",
                      "en": "thick line: the territory ({name})"},
    "map_off": {"fr": "Hors de la carte : {places}.", "en": "Not on the map: {places}."},
    "map_legend": {"fr": "Légende", "en": "Key"},
    "map_unit": {"fr": "présents", "en": "attendees"},
    "map_unit_people": {"fr": "participants", "en": "participants"},
    "corsica_unknown": {"fr": "Corse, département non précisé (20)",
                        "en": "Corsica, département not known (20)"},
    "map_credit": {"fr": "Fond de carte : IGN – ADMIN EXPRESS COG 2024, Licence Ouverte / "
                         "Etalab 2.0 (géométries simplifiées)",
                   "en": "Base map: IGN – ADMIN EXPRESS COG 2024, Etalab Open Licence 2.0 "
                         "(simplified geometry)"},
    "regions_map": {"fr": "Carte des participants uniques par région",
                    "en": "Map of unique participants by region"},
    "departements_map": {"fr": "Carte des participants uniques par département",
                         "en": "Map of unique participants by département"},
    "region": {"fr": "Région", "en": "Region"},
    "share": {"fr": "Part", "en": "Share"},
    "cumulative_registrations": {"fr": "Inscriptions cumulées", "en": "Cumulative registrations"},
    "event_day": {"fr": "Jour de l'événement", "en": "Event day"},
    "satisfaction_distribution": {"fr": "Répartition des réponses sur la satisfaction",
                                  "en": "How satisfied respondents were"},
    "nps_distribution": {"fr": "Recommandation : détracteurs, passifs, promoteurs",
                         "en": "Recommendation: detractors, passives, promoters"},
    "detractors": {"fr": "Détracteurs (0–6)", "en": "Detractors (0–6)"},
    "passives": {"fr": "Passifs (7–8)", "en": "Passives (7–8)"},
    "promoters": {"fr": "Promoteurs (9–10)", "en": "Promoters (9–10)"},
    "score": {"fr": "Note", "en": "Score"},
    "respondents": {"fr": "Répondants", "en": "Respondents"},
    "questions_chart": {"fr": "Réponses aux questions complémentaires "
                              "(1 = pas du tout, 5 = tout à fait)",
                        "en": "Answers to further questions (1 = not at all, 5 = fully)"},
    "mean": {"fr": "Moyenne", "en": "Mean"},
    "question": {"fr": "Question", "en": "Question"},
    "sat_1": {"fr": "1 – Pas du tout\nsatisfait", "en": "1 – Very\ndissatisfied"},
    "sat_2": {"fr": "2 – Peu\nsatisfait", "en": "2 –\nDissatisfied"},
    "sat_3": {"fr": "3 – Moyennement\nsatisfait", "en": "3 –\nNeutral"},
    "sat_4": {"fr": "4 –\nSatisfait", "en": "4 –\nSatisfied"},
    "sat_5": {"fr": "5 – Très\nsatisfait", "en": "5 – Very\nsatisfied"},
    "satisfaction_by_community": {"fr": "Satisfaction par type de structure",
                                  "en": "Satisfaction by type of organisation"},
    "group": {"fr": "Groupe", "en": "Group"},
    "in_territory": {"fr": "Dans le territoire", "en": "In the territory"},
    "outside_territory": {"fr": "Hors territoire", "en": "Outside the territory"},
    "territory_note": {
        "fr": "{share} des présents dont le code postal est connu viennent du territoire "
              "({name}), entouré d'un trait épais sur la carte ; le tableau des valeurs de la "
              "carte le dit aussi en toutes lettres. {n} présents sans code postal exploitable "
              "ne sont pas comptés.",
        "en": "{share} of attendees with a known postcode come from the territory ({name}), "
              "outlined with a thick line on the map; the map's table of values also says "
              "which in words. {n} attendees without a usable postcode are left out.",
    },
    # comments
    "comments_intro": {
        "fr": "Une sélection de commentaires libres, sans leurs auteurs. Les adresses, numéros de "
              "téléphone, liens et noms de participants sont masqués.",
        "en": "A selection of free-text comments, without their authors. Addresses, phone "
              "numbers, links and participants' names are masked.",
    },
    "comments_excluded": {"fr": "Les commentaires libres ne sont pas publiés dans ce rapport.",
                          "en": "Free-text comments are not published in this report."},
    "no_comments": {"fr": "Aucun commentaire libre.", "en": "No free-text comments."},
    # sessions (grid questions), comment themes, breakdown by a registration column
    "sessions": {"fr": "Sessions et ateliers", "en": "Sessions and workshops"},
    "sessions_chart": {"fr": "Note moyenne par session ({low} à {high}) et intervalle de "
                             "confiance à 95 %",
                       "en": "Mean score per session ({low} to {high}) and 95% confidence "
                             "interval"},
    "sessions_table": {"fr": "Notes par session", "en": "Ratings per session"},
    "session": {"fr": "Session", "en": "Session"},
    "mean_score": {"fr": "Note moyenne", "en": "Mean score"},
    "interval_header": {"fr": "Intervalle à 95 %", "en": "95% interval"},
    "top2_header": {"fr": "Notes {a} ou {b}", "en": "Scored {a} or {b}"},
    "not_attended": {"fr": "N'y ont pas assisté", "en": "Did not attend"},
    "sessions_note": {
        "fr": "Moyenne des notes données par les répondants qui ont suivi la session ; les "
              "réponses « n'y a pas assisté » (N/A, non concerné…) sont comptées à part. "
              "L'intervalle de confiance à 95 % de la moyenne est celui de Student : quand les "
              "intervalles de deux sessions se chevauchent, l'écart entre elles peut tenir au "
              "hasard. Une session notée par moins de {n} répondants est affichée « < {n} ».",
        "en": "Mean of the scores given by the respondents who attended the session; "
              "“did not attend” answers (N/A, not applicable…) are counted apart. The 95% "
              "confidence interval of the mean is Student's: where two sessions' intervals "
              "overlap, the gap between them may be chance. A session rated by fewer than {n} "
              "respondents is shown as “< {n}”."},
    "sessions_hidden": {"fr": "Sessions notées par moins de {n} répondants (non représentées) "
                              ": {names}.",
                        "en": "Sessions rated by fewer than {n} respondents (not drawn): "
                              "{names}."},
    "sum_sessions": {"fr": "{count} sessions : la mieux notée est « {best} » ({m1} sur {high}, "
                           "intervalle {i1}), la moins bien notée « {worst} » ({m2}, "
                           "intervalle {i2}).",
                     "en": "{count} sessions: the best rated is “{best}” ({m1} out of {high}, "
                           "interval {i1}), the lowest “{worst}” ({m2}, interval {i2})."},
    "sum_sessions_one": {"fr": "« {best} » : {m1} sur {high} (intervalle {i1}).",
                         "en": "“{best}”: {m1} out of {high} (interval {i1})."},
    "themes": {"fr": "Thèmes des commentaires", "en": "Comment themes"},
    "themes_chart": {"fr": "Commentaires par thème", "en": "Comments per theme"},
    "themes_table": {"fr": "Commentaires par thème (un commentaire peut relever de plusieurs "
                           "thèmes)",
                     "en": "Comments per theme (a comment may be in several themes)"},
    "themes_intro": {
        "fr": "{n} commentaires libres, rangés par thème d'après leurs mots (un commentaire "
              "peut relever de plusieurs thèmes ou d'aucun ; pas de score de sentiment). "
              "Les extraits sont masqués comme tous les commentaires. Un thème présent dans "
              "moins de {k} commentaires est affiché « < {k} », sans extrait.",
        "en": "{n} free-text comments, sorted into themes by their words (a comment may be in "
              "several themes or in none; no sentiment score). Quotes are masked like every "
              "comment. A theme found in fewer than {k} comments is shown as “< {k}”, without "
              "quotes."},
    "themes_programme_intro": {
        "fr": "{n} commentaires libres des forums, rangés par thème d'après leurs mots (un "
              "commentaire peut relever de plusieurs thèmes ou d'aucun ; pas de score de "
              "sentiment). Un thème présent dans moins de {k} commentaires, pour un forum ou "
              "pour le programme, est affiché « < {k} ».",
        "en": "{n} free-text comments from the forums, sorted into themes by their words (a "
              "comment may be in several themes or in none; no sentiment score). A theme found "
              "in fewer than {k} comments, for a forum or for the programme, is shown as "
              "“< {k}”."},
    "themes_few": {"fr": "Thèmes présents dans moins de {n} commentaires (« < {n} ») : {names}.",
                   "en": "Themes found in fewer than {n} comments (“< {n}”): {names}."},
    "theme": {"fr": "Thème", "en": "Theme"},
    "comments_header": {"fr": "Commentaires", "en": "Comments"},
    "share_of_comments": {"fr": "Part des commentaires", "en": "Share of comments"},
    "no_themes": {"fr": "Aucun thème n'apparaît dans les commentaires.",
                  "en": "No theme appears in the comments."},
    "sum_themes": {"fr": "Sur {total} commentaires, le thème le plus fréquent est « {top} » "
                         "({n}, {p}).",
                   "en": "Of {total} comments, the most frequent theme is “{top}” ({n}, {p})."},
    "breakdown": {"fr": "Participation par groupe", "en": "Attendance by group"},
    "postcode_head": {"fr": "Code postal", "en": "Postcode"},
    "organisation_head": {"fr": "Structure", "en": "Organisation"},
    "breakdown_table": {"fr": "Inscrits, présents et satisfaction par « {name} »",
                        "en": "Registered, attended and satisfaction by “{name}”"},
    "breakdown_note": {
        "fr": "Chaque inscrit est compté dans le groupe indiqué sur sa dernière inscription. "
              "Satisfaction : moyenne des réponses des inscrits du groupe retrouvés dans "
              "l'enquête. Un groupe de moins de {n} inscrits, ou de moins de {n} réponses pour "
              "sa satisfaction, est affiché « < {n} » ; quand un seul groupe serait masqué, le "
              "plus petit suivant l'est aussi.",
        "en": "Each registrant is counted in the group given on their latest registration. "
              "Satisfaction: mean of the answers of the group's registrants found in the "
              "survey. A group of fewer than {n} registrants, or of fewer than {n} answers for "
              "its satisfaction, is shown as “< {n}”; when a single group would be hidden, "
              "the next smallest is hidden too."},
    "registrations_total": {"fr": "Inscriptions", "en": "Registrations"},
    "breakdown_programme_table": {
        "fr": "Inscriptions, présences et satisfaction par « {name} » ({forums})",
        "en": "Registrations, attendances and satisfaction by “{name}” ({forums})"},
    "breakdown_programme_note": {
        "fr": "Sommes sur les forums dont les paramètres demandent cette ventilation : une "
              "personne venue à deux forums compte deux fois. Satisfaction : moyenne de toutes "
              "leurs réponses rapprochées des inscrits. Un groupe de moins de {n} inscriptions, "
              "ou de moins de {n} réponses pour sa satisfaction, est affiché « < {n} ».",
        "en": "Sums over the forums whose params ask for this breakdown: a person who came to "
              "two forums counts twice. Satisfaction: mean of all their answers matched to "
              "registrants. A group of fewer than {n} registrations, or of fewer than {n} "
              "answers for its satisfaction, is shown as “< {n}”."},
    "breakdown_unlinked": {"fr": "La satisfaction n'est pas ventilée : les réponses à l'enquête "
                                 "ne peuvent pas être rapprochées des inscrits.",
                           "en": "Satisfaction is not broken down: survey answers cannot be "
                                 "matched to registrants."},
    # method
    "file": {"fr": "Fichier", "en": "File"},
    "rows_read": {"fr": "Lignes lues", "en": "Rows read"},
    "rows_kept": {"fr": "Lignes retenues", "en": "Rows kept"},
    "rows_rejected": {"fr": "Lignes écartées", "en": "Rows rejected"},
    "duplicates": {"fr": "Doublons fusionnés", "en": "Duplicates merged"},
    "registrations_file": {"fr": "Inscriptions", "en": "Registrations"},
    "survey_file": {"fr": "Enquête", "en": "Survey"},
    "attendance_file": {"fr": "Liste de présence", "en": "Attendance list"},
    "onsite_online": {"fr": "{onsite} sur place, {online} à distance",
                      "en": "{onsite} on site, {online} online"},
    "unregistered_attendees": {"fr": "{n} présents non inscrits, comptés à part",
                               "en": "{n} attendees who had not registered, counted apart"},
    "reason": {"fr": "Motif", "en": "Reason"},
    "data_warnings": {"fr": "Points de vigilance sur les données", "en": "Data warnings"},
    "count": {"fr": "Nombre", "en": "Count"},
    "rejections": {"fr": "Motifs d'écart", "en": "Why rows were set aside"},
    "no_rejections": {"fr": "Aucune ligne écartée.", "en": "No row was set aside."},
    "definitions": {"fr": "Définitions", "en": "Definitions"},
    "not_computed": {"fr": "Indicateurs non calculables", "en": "Metrics that cannot be computed"},
    "no_survey": {"fr": "Aucune enquête n'a été fournie pour cet événement : les sections "
                        "satisfaction et commentaires sont omises.",
                  "en": "No survey was provided for this event: the satisfaction and comment "
                        "sections are left out."},
    "no_data": {"fr": "Pas de données.", "en": "No data."},
    "suppressed": {"fr": "< {n}", "en": "< {n}"},
    # programme
    "forums": {"fr": "Forums", "en": "Forums"},
    "forum": {"fr": "Forum", "en": "Forum"},
    "trends": {"fr": "Évolution d'un forum à l'autre", "en": "From one forum to the next"},
    "participants_section": {"fr": "Fidélisation et renouvellement",
                             "en": "Returning and new participants"},
    "mix": {"fr": "Composition du public", "en": "Audience mix"},
    "coverage": {"fr": "Couverture territoriale", "en": "Territorial coverage"},
    "attendances": {"fr": "Participations cumulées", "en": "Total attendances"},
    "new": {"fr": "Nouveaux", "en": "New"},
    "returning": {"fr": "Déjà venus", "en": "Returning"},
    "new_vs_returning": {"fr": "Nouveaux participants et participants déjà venus",
                         "en": "New and returning participants"},
    "history_note": {"fr": "Déjà venus : présents qui avaient assisté à au moins un des forums "
                           "précédents ({forums}).",
                     "en": "Returning: attendees who had attended at least one of the earlier "
                           "forums ({forums})."},
    "cumulative_unique": {"fr": "Participants et organisations uniques cumulés",
                          "en": "Cumulative unique participants and organisations"},
    "registered_attended": {"fr": "Inscrits et présents par forum",
                            "en": "Registered and attended per forum"},
    "nps_trend": {"fr": "NPS par forum (barres : marge d'erreur à 95 %)",
                  "en": "NPS per forum (bars: 95% margin of error)"},
    "satisfaction_trend": {"fr": "Satisfaction moyenne par forum (sur 5)",
                           "en": "Average satisfaction per forum (out of 5)"},
    "mix_chart": {"fr": "Types de structure des présents, par forum",
                  "en": "Attendees' types of organisation, per forum"},
    "retention": {"fr": "Revenus au forum suivant, par type de structure",
                  "en": "Came back to the next forum, by type of organisation"},
    "came_back": {"fr": "Revenus", "en": "Came back"},
    "total": {"fr": "Total", "en": "Total"},
    "departement": {"fr": "Département", "en": "Département"},
    "coverage_note": {"fr": "Présents par département (dix premiers départements sur "
                            "l'ensemble du programme).",
                      "en": "Attendees per département (the ten most represented over the "
                            "programme)."},
    "pooled_note": {"fr": "Satisfaction et NPS calculés sur l'ensemble des réponses des forums.",
                    "en": "Satisfaction and NPS computed over every forum's responses."},
    # accessibility: skip link, chart text alternatives, table captions
    "skip_link": {"fr": "Aller au contenu", "en": "Skip to content"},
    "chart_data": {"fr": "Valeurs du graphique (tableau)", "en": "Chart values (table)"},
    "chart_data_caption": {"fr": "{title} : valeurs", "en": "{title}: values"},
    "chart_data_appendix": {"fr": "Annexe : valeurs des graphiques",
                            "en": "Appendix: chart values"},
    "chart_data_intro": {"fr": "Les valeurs tracées sur chaque graphique du rapport.",
                         "en": "The values plotted on each chart of the report."},
    "category": {"fr": "Catégorie", "en": "Category"},
    "type_of_organisation": {"fr": "Type de structure", "en": "Type of organisation"},
    "sector": {"fr": "Secteur", "en": "Sector"},
    "company_size": {"fr": "Taille d'entreprise", "en": "Company size"},
    "participants": {"fr": "Participants", "en": "Participants"},
    "answer": {"fr": "Réponse", "en": "Answer"},
    "answers_header": {"fr": "Réponses", "en": "Answers"},
    "cumulative": {"fr": "Inscriptions cumulées", "en": "Registrations so far"},
    "margin_header": {"fr": "Marge d'erreur (95 %)", "en": "Margin of error (95%)"},
    "territory_column": {"fr": "Territoire", "en": "Territory"},
    "file_name": {"fr": "Nom du fichier", "en": "File name"},
    "file_rows": {"fr": "Lignes lues, retenues et écartées par fichier",
                  "en": "Rows read, kept and rejected per file"},
    "question_means": {"fr": "Répondants et moyenne par question",
                       "en": "Respondents and mean per question"},
    "forum_figures": {"fr": "Chiffres par forum", "en": "Figures per forum"},
    "coverage_table": {"fr": "Présents par département et par forum",
                       "en": "Attendees per département and per forum"},
    "rows_per_forum": {"fr": "Lignes lues, retenues et écartées par forum",
                       "en": "Rows read, kept and rejected per forum"},
    "sum_hbar": {"fr": "Sur {total} personnes, la plus grande part est « {top} » avec {n} ({p}), "
                       "puis « {second} » avec {n2} ({p2}).",
                 "en": "Of {total} people, the largest group is “{top}” with {n} ({p}), then "
                       "“{second}” with {n2} ({p2})."},
    "sum_hbar_one": {"fr": "Sur {total} personnes, « {top} » en compte {n} ({p}).",
                     "en": "Of {total} people, “{top}” counts {n} ({p})."},
    "sum_territory": {"fr": " Dans le territoire : {inside} ; hors territoire : {outside}.",
                      "en": " In the territory: {inside}; outside it: {outside}."},
    "sum_timeline": {"fr": "Du {start} au {end}, les inscriptions atteignent {total} ; la moitié "
                           "était inscrite le {half}.",
                     "en": "From {start} to {end}, registrations reached {total}; half had "
                           "registered by {half}."},
    "sum_satisfaction": {"fr": "Sur {n} réponses, la plus fréquente est « {mode} » ({p}) ; "
                               "{top2} répondent 4 ou 5.",
                         "en": "Of {n} answers, the most frequent is “{mode}” ({p}); {top2} "
                               "answered 4 or 5."},
    "sum_nps": {"fr": "Sur {n} réponses : {pr} de promoteurs, {pa} de passifs, {de} de "
                      "détracteurs.",
                "en": "Of {n} answers: {pr} promoters, {pa} passives, {de} detractors."},
    "sum_questions": {"fr": "Part des notes 4 ou 5 : ", "en": "Share of 4 or 5: "},
    "sum_series": {"fr": "{name} : {first} en {c0}, {last} en {cn}",
                   "en": "{name}: {first} in {c0}, {last} in {cn}"},
    "sum_errors": {"fr": "{name} : de {first} (± {e0}) en {c0} à {last} (± {en}) en {cn}.",
                   "en": "{name}: from {first} (± {e0}) in {c0} to {last} (± {en}) in {cn}."},
}

REASONS: dict[str, dict[str, str]] = {
    "no_identity": {"fr": "ni e-mail ni nom (ligne de total ou ligne parasite)",
                    "en": "neither an e-mail nor a name (a total line or a stray row)"},
    "footer": {"fr": "ligne de total, de synthèse ou de formule",
               "en": "a total, summary or formula line"},
    "unfinished": {"fr": "réponse inachevée (non envoyée)",
                   "en": "unfinished response (not submitted)"},
    "shifted_row": {"fr": "plus de cellules que d'en-têtes (ligne décalée)",
                    "en": "more cells than headers (a shifted row)"},
    "bad_satisfaction": {"fr": "note de satisfaction hors de l'échelle 1 à 5",
                         "en": "satisfaction answer outside the 1–5 scale"},
    "bad_nps": {"fr": "note de recommandation qui n'est pas un entier de 0 à 10",
                "en": "recommendation score not a whole number from 0 to 10"},
    "exact_duplicate": {"fr": "doublon exact d'une ligne précédente",
                        "en": "exact duplicate of an earlier row"},
    "superseded": {"fr": "remplacée par une réponse plus récente de la même personne",
                   "en": "replaced by a later answer from the same respondent"},
    "other_reason": {"fr": "autre motif", "en": "other reason"},
    # exports of more platforms, and a hybrid forum's attendance lists
    "test_response": {"fr": "réponse de test, d'aperçu ou indésirable",
                      "en": "a preview, test or spam response"},
    "duplicate_submission": {"fr": "même envoi reçu deux fois",
                             "en": "the same submission received twice"},
    "outside_table": {"fr": "ligne d'une autre section du rapport",
                      "en": "a row of another section of the report"},
    "not_present": {"fr": "listé mais non présent", "en": "listed but not present"},
    "unregistered": {"fr": "présent non inscrit (compté à part)",
                     "en": "present but not registered (counted apart)"},
    "ambiguous_name": {"fr": "nom porté par plusieurs inscrits",
                       "en": "a name shared by several registered people"},
}

# Canonical fields as a reader names them (data warnings in the report).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "email": {"fr": "adresse e-mail", "en": "e-mail address"},
    "first_name": {"fr": "prénom", "en": "first name"},
    "last_name": {"fr": "nom", "en": "last name"},
    "organisation": {"fr": "structure", "en": "organisation"},
    "community": {"fr": "type de structure", "en": "organisation type"},
    "sector": {"fr": "secteur", "en": "sector"},
    "company_size": {"fr": "taille de l'entreprise", "en": "company size"},
    "postcode": {"fr": "code postal", "en": "postcode"},
    "status": {"fr": "statut", "en": "status"},
    "checked_in": {"fr": "présence", "en": "check-in"},
    "registered_at": {"fr": "date d'inscription", "en": "registration date"},
    "submitted_at": {"fr": "date de réponse", "en": "submission date"},
    "satisfaction": {"fr": "satisfaction", "en": "satisfaction"},
    "nps": {"fr": "recommandation (0–10)", "en": "recommendation (0–10)"},
    "comment": {"fr": "commentaire", "en": "comment"},
    "would_join_next": {"fr": "participation à la suite", "en": "joining the next phase"},
}

SANITY: dict[str, dict[str, str]] = {
    "many_rejected": {
        "fr": "{kind} ({file}) : {rejected} lignes rejetées sur {read} ({share}), plus de 10 % ; "
              "vérifiez la ligne d'en-tête et les colonnes",
        "en": "{kind} ({file}): {rejected} of {read} rows rejected ({share}), over 10%; "
              "check the header row and the columns"},
    "lines_in_cells": {
        "fr": "{kind} ({file}) : {inside} des {lines} lignes du fichier sont à l'intérieur de "
              "cellules sur plusieurs lignes (lignes {rows} du tableur) : des commentaires "
              "avec retours à la ligne, ou un guillemet non fermé ; vérifiez ces lignes",
        "en": "{kind} ({file}): {inside} of the file's {lines} lines are inside cells that "
              "span several lines (spreadsheet rows {rows}): comments with line breaks, or "
              "a quote left open; check those rows"},
    "mostly_empty": {
        "fr": "{kind} ({file}) : la colonne « {column} » ({field}) est vide à {share}",
        "en": "{kind} ({file}): column '{column}' ({field}) is {share} empty"},
    "ambiguous_dates": {
        "fr": "{kind} ({file}) : l'ordre jour/mois des dates ({field}) ne peut pas être déduit "
              "des données (aucun jour après le 12) ; lu jour en premier, à confirmer avec "
              "date_format",
        "en": "{kind} ({file}): the day/month order of the dates ({field}) cannot be told from "
              "the data (no day past the 12th); read day-first, confirm it with date_format"},
    "community_unrecognised": {
        "fr": "types de structure : {share} des libellés de « {column} » ne sont pas reconnus "
              "(classés « autre ») ; précisez-les sous values: community",
        "en": "organisation types: {share} of the labels in '{column}' are not recognised "
              "(counted as other); map them under values: community"},
    "postcodes_unusable": {
        "fr": "codes postaux : {share} des valeurs de « {column} » ne sont pas des codes "
              "postaux français",
        "en": "postcodes: {share} of the values in '{column}' are not French postcodes"},
    "more_responses": {
        "fr": "l'enquête compte plus de réponses ({responses}) que de présents ({attended})",
        "en": "the survey has more responses ({responses}) than attendees ({attended})"},
    "low_linkage": {
        "fr": "seuls {linked} présents sur {attended} ({share}) sont retrouvés parmi les "
              "répondants : vérifiez que l'enquête et les inscriptions sont du même forum",
        "en": "only {linked} of {attended} attendees ({share}) are found among the "
              "respondents: check that the survey and the registrations are of one forum"},
    "unordered_labels": {
        "fr": "{kind} ({file}) : les libellés de « {column} » ({labels}) ne se rangent pas "
              "sur une seule échelle de 1 à 5 ; la question n'est pas notée : précisez-les "
              "sous values",
        "en": "{kind} ({file}): the labels of '{column}' ({labels}) cannot all be placed on "
              "one 1–5 scale; the question is not scored: map them under values"},
    "unknown_labels": {
        "fr": "{kind} ({file}) : libellés de « {column} » non compris ({labels}) ; les "
              "réponses qui les portent sont écartées",
        "en": "{kind} ({file}): labels of '{column}' not understood ({labels}); the answers "
              "holding them are set aside"},
}

NULL_REASONS: dict[str, dict[str, str]] = {
    "no_attendance_list": {"fr": "aucune liste de présence (attendance) dans les paramètres",
                           "en": "no attendance list (attendance:) in the params"},
    "no_online_list": {"fr": "aucune liste de présence à distance dans les paramètres",
                       "en": "no online attendance list in the params"},
    "no_onsite_source": {"fr": "ni colonne de présence ni liste de présence sur place",
                         "en": "neither a check-in column nor an on-site attendance list"},
    "satisfaction_labels_unordered": {
        "fr": "les libellés de la question de satisfaction ne se rangent pas sur une seule "
              "échelle de 1 à 5",
        "en": "the satisfaction question's labels cannot all be placed on one 1–5 scale"},
    "no_community_column": {"fr": "le fichier d'inscriptions n'a pas de colonne de type "
                                  "de structure",
                            "en": "the registration file has no organisation-type column"},
    "no_territory": {"fr": "aucun territoire n'est défini dans le fichier de paramètres",
                     "en": "no territory is set in the params file"},
    "no_postcode_column": {"fr": "le fichier d'inscriptions n'a pas de colonne de code postal",
                           "en": "the registration file has no postcode column"},
    "no_usable_postcode": {"fr": "aucun présent n'a de code postal exploitable",
                           "en": "no attendee has a usable postcode"},
    "anonymous_survey": {"fr": "l'enquête est anonyme (aucune adresse e-mail de répondant)",
                         "en": "the survey is anonymous (no respondent e-mail address)"},
    "nobody_attended": {"fr": "aucun présent", "en": "nobody attended"},
    "no_registration_email": {
        "fr": "le fichier d'inscriptions n'a pas d'adresse e-mail : les réponses ne peuvent "
              "pas être rapprochées des présents",
        "en": "the registration file has no e-mail address: answers cannot be matched to "
              "attendees"},
    "no_satisfaction_question": {"fr": "aucune question de satisfaction trouvée dans l'enquête",
                                 "en": "no satisfaction question was found in the survey"},
    "no_satisfaction_answers": {"fr": "personne n'a répondu à la question de satisfaction",
                                "en": "no respondent answered the satisfaction question"},
    "no_nps_question": {"fr": "aucune question de recommandation (0–10) trouvée dans l'enquête",
                        "en": "no recommendation (0–10) question was found in the survey"},
    "no_nps_answers": {"fr": "personne n'a répondu à la question de recommandation",
                       "en": "no respondent answered the recommendation question"},
    "no_next_question": {"fr": "l'enquête ne demande pas la participation à la phase suivante",
                         "en": "the survey does not ask about the next phase"},
    "no_comment_question": {"fr": "l'enquête n'a pas de question de commentaire libre",
                            "en": "the survey has no free-text comment question"},
    "no_survey": {"fr": "aucun fichier d'enquête dans les paramètres",
                  "en": "no survey file is set in the params"},
    "no_checkin_column": {"fr": "le fichier d'inscriptions n'a pas de colonne de présence",
                          "en": "the registration file has no check-in column"},
    "no_history": {"fr": "les paramètres ne listent aucun forum précédent (history) : les "
                         "nouveaux participants et les déjà venus ne sont pas comptés, et "
                         "aucune évolution n'est mesurée",
                   "en": "the params list no earlier forum (history): new and returning "
                         "participants are not counted, and no change is measured"},
    "history_not_earlier": {
        "fr": "aucun des forums listés dans les paramètres (history) n'a eu lieu avant "
              "celui-ci : aucune évolution n'est mesurée",
        "en": "none of the forums listed in the params (history) was held before this one: "
              "no change is measured"},
    "history_without_checkin": {
        "fr": "un forum précédent listé dans les paramètres n'a pas de colonne de présence : "
              "les déjà venus ne peuvent pas être comptés",
        "en": "an earlier forum listed in the params has no check-in column: returning "
              "participants cannot be counted"},
}

DEFINITIONS: dict[str, list[str]] = {
    "fr": [
        "**Participant identifié** : une adresse e-mail (sans tenir compte de la casse ni des "
        "espaces), ou à défaut le prénom, le nom et la structure. Plusieurs lignes d'une même "
        "personne comptent une fois.",
        "**Inscrit** : personne dont au moins une inscription n'est pas annulée. **Présent** : "
        "inscrit pointé sur une inscription non annulée.",
        "**Taux de présence** = présents / inscrits.",
        "**Part du territoire** : part des présents dont le département (lu dans le code postal) "
        "appartient au territoire ; les présents sans code postal exploitable sont exclus du "
        "calcul et comptés à part.",
        "**Réponses** : lignes valides de l'enquête ; une personne qui a répondu deux fois compte "
        "une fois (sa dernière réponse) ; les doublons exacts comptent une fois.",
        "**Satisfaction moyenne** : moyenne des notes de 1 à 5. **Participants satisfaits** : "
        "part des notes 4 ou 5, avec un intervalle de confiance de Wilson à 95 %.",
        "**NPS** = 100 × (part des notes 9–10 − part des notes 0–6) ; marge d'erreur à 95 % "
        "= 1,96 × 100 × √(((p + d) − (p − d)²) / n), corrigée pour une population finie quand "
        "les réponses couvrent plus de 5 % des présents.",
        "**Taux de réponse** = réponses de personnes présentes / présents. Les réponses "
        "d'absents ou d'adresses inconnues comptent dans les moyennes.",
    ],
    "en": [
        "**Identified person**: an e-mail address (case and spaces ignored), or else first name, "
        "last name and organisation. Several rows of one person count once.",
        "**Registered**: a person with at least one registration that is not cancelled. "
        "**Attended**: a registered person checked in on a registration that is not cancelled.",
        "**Attendance rate** = attended / registered.",
        "**Share from the territory**: share of attendees whose département (read from the "
        "postcode) is in the territory; attendees without a usable postcode are left out of the "
        "calculation and counted separately.",
        "**Responses**: valid survey rows; a person who answered twice counts once (their latest "
        "answer); exact duplicate rows count once.",
        "**Average satisfaction**: mean of the 1–5 scores. **Satisfied participants**: share of "
        "4 or 5, with a 95% Wilson confidence interval.",
        "**NPS** = 100 × (share of 9–10 − share of 0–6); 95% margin of error = 1.96 × 100 × "
        "√(((p + d) − (p − d)²) / n), corrected for a finite population when the answers cover "
        "more than 5% of attendees.",
        "**Response rate** = responses from attendees / attendees. Answers from no-shows or "
        "unknown addresses still count in the averages.",
    ],
}

# the forum report's, when its params list earlier forums (`history`)
HISTORY_DEFINITION: dict[str, str] = {
    "fr": "**Déjà venus** : présents qui avaient été présents à au moins un des forums "
          "précédents listés dans les paramètres, reconnus comme ci-dessus ; **nouveaux** : "
          "les autres.",
    "en": "**Returning**: attendees who had attended at least one of the earlier forums listed "
          "in the params, identified as above; **new**: the others.",
}

HYBRID_DEFINITION: dict[str, str] = {
    "fr": "**Forum hybride** : un inscrit présent sur une liste de présence (Zoom, Teams, "
          "feuille d'émargement…) est présent, **sur place** (pointé, ou sur une liste sur "
          "place) ou **à distance** (sur une liste en ligne seulement) ; une personne présente "
          "qui n'est pas inscrite (jamais inscrite, annulée ou en liste d'attente) est comptée "
          "à part, jamais parmi les inscrits.",
    "en": "**Hybrid forum**: a registered person on an attendance list (Zoom, Teams, a "
          "sign-in sheet…) attended, **on site** (checked in, or on an on-site list) or "
          "**online** (on an online list only); a present person who is not registered "
          "(never registered, cancelled or on a waiting list) is counted apart, never among "
          "the registered.",
}

# when a forum is compared with the previous one (`change`)
CHANGE_DEFINITION: dict[str, str] = {
    "fr": "**Évolution** : écart avec le forum précédent, dit **en hausse** ou **en baisse** "
          "seulement s'il dépasse l'écart détectable à 95 % (taux : test de comparaison de "
          "deux proportions N−1 ; satisfaction : test t de Welch ; NPS : intervalle de Wald "
          "ajusté de la différence), sinon **stable** ; les effectifs sont comparés sans test.",
    "en": "**Change**: the difference from the previous forum, called **up** or **down** only "
          "when it exceeds the 95% detectable change (rates: the N−1 two-proportion test; "
          "satisfaction: Welch's t test; NPS: the adjusted-Wald interval of the difference), "
          "else **stable**; counts are compared without a test.",
}

PROGRAMME_DEFINITIONS: dict[str, list[str]] = {
    "fr": [
        "**Participant unique** : une personne présente à au moins un forum, identifiée comme "
        "dans chaque rapport de forum (adresse e-mail sans tenir compte de la casse ni des "
        "espaces, ou à défaut prénom, nom et structure).",
        "**Déjà venu** : présent à un forum et à un forum antérieur de la liste ; "
        "**nouveau** : présent pour la première fois.",
        "**Organisations uniques** : noms de structure distincts des présents, sans tenir compte "
        "de la casse ni des espaces autour.",
        "**Types de structure du programme** : chaque personne comptée une fois, avec le type "
        "déclaré à son dernier forum.",
        "**Satisfaction et NPS du programme** : calculés sur l'ensemble des réponses de tous les "
        "forums.",
    ],
    "en": [
        "**Unique participant**: a person who attended at least one forum, identified as in each "
        "forum's report (e-mail address, case and spaces ignored, or else first name, last name "
        "and organisation).",
        "**Returning**: attended a forum and an earlier forum of the list; **new**: attended "
        "for the first time.",
        "**Unique organisations**: distinct organisation names of attendees, case and "
        "surrounding spaces ignored.",
        "**Programme audience by type of organisation**: each person counted once, with the type "
        "given at their latest forum.",
        "**Programme satisfaction and NPS**: computed over every forum's responses.",
    ],
}

SUPPRESSION_RULE = {
    "fr": "Règle de confidentialité : aucune statistique d'enquête n'est publiée pour un groupe de "
          "moins de {n} répondants (affiché « < {n} ») ; les commentaires sont publiés sans "
          "auteur, adresses, numéros, liens ni noms de participants.",
    "en": "Confidentiality rule: no survey statistic is published for a group of fewer than "
          "{n} respondents (shown as “< {n}”); comments are published without their authors, "
          "addresses, numbers, links or participants' names.",
}


class Lang:
    """Labels and formats of one language."""

    def __init__(self, code: str) -> None:
        if code not in LOCALES:
            raise ValueError(f"unsupported language {code!r}")
        self.code = code
        self.locale = LOCALES[code]
        # French puts a space before a colon: "Satisfaction : 4,3"
        self.colon = " : " if code == "fr" else ": "

    def t(self, key: str, **kw: object) -> str:
        text = TEXT[key][self.code]
        return text.format(**kw) if kw else text

    def null_reason(self, key: str) -> str:
        return NULL_REASONS.get(key, {}).get(self.code, key)

    def reason(self, key: str) -> str:
        return REASONS.get(key, REASONS["other_reason"])[self.code]

    def number(self, x: float | int | None, digits: int = 0) -> str:
        if x is None:
            return "–"
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(x, format=fmt, locale=self.locale)

    def percent(self, x: float | None, digits: int = 0) -> str:
        if x is None:
            return "–"
        # French puts a (narrow no-break) space before %, English none
        sep = "\u202f" if self.code == "fr" else ""
        fmt = "#,##0" + ("." + "0" * digits if digits else "") + sep + "%"
        return format_percent(x, format=fmt, locale=self.locale)

    def signed(self, x: float | None, digits: int = 0) -> str:
        if x is None:
            return "–"
        s = self.number(abs(x), digits)
        return ("+" if x > 0 else "−" if x < 0 else "") + s

    def date(self, d: dt.date) -> str:
        return _format_date(d, format="long", locale=self.locale)

    def month(self, d: dt.date) -> str:
        return _format_date(d, format="MMM yyyy", locale=self.locale)


@lru_cache(maxsize=4)
def lang(code: str) -> Lang:
    return Lang(code)


class Foreign(str):
    """Text from the inputs in another language than the report's (a French question label
    in an English report): a string everywhere, and marked `lang` wherever it is shown as
    HTML (RGAA 8.7, WCAG 3.1.2), so that a screen reader pronounces it in its language."""

    lang: str

    def __new__(cls, text: object, language: str) -> Foreign:
        self = super().__new__(cls, str(text))
        self.lang = language
        return self


def parts(template: str, **kw: object) -> list[str]:
    """`template.format(**kw)` as a list of pieces, so that a `Foreign` value keeps its
    language: notebook.fragments.pieces joins them into HTML."""
    import string

    out: list[str] = []
    for literal, name, spec, conv in string.Formatter().parse(template):
        if literal:
            out.append(literal)
        if name is not None:
            value = kw[name]
            out.append(value if isinstance(value, Foreign) and not spec and not conv
                       else format(value, spec or ""))
    return out


# Words that tell French from English in input text (question labels, titles, comments).
_WORDS = {
    "fr": frozenset({"le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "pour",
                     "avec", "dans", "sur", "pas", "plus", "très", "trop", "nous", "vous", "je",
                     "j", "on", "au", "aux", "ce", "cette", "qui", "que", "merci", "entre",
                     "bonne", "bon", "été", "était"}),
    "en": frozenset({"the", "a", "an", "and", "is", "are", "for", "with", "in", "on", "not",
                     "more", "very", "too", "we", "you", "i", "it", "of", "to", "this", "that",
                     "which", "thanks", "thank", "between", "good", "was", "were"}),
}
_FRENCH_LETTERS = set("éèêàùçôîœ")


def guess_language(texts: list[str]) -> str | None:
    """The language of the inputs' free text ("fr", "en"), or None when it does not say.

    Counted over all the texts of a forum (title, question labels, comments) rather than
    text by text: one-word labels ("Robotique") carry no evidence alone, and the inputs of
    one forum are written in one language. No library: a detector (langdetect, lingua)
    costs more to import than a report run can spare, for a two-way choice.
    """
    import re

    score = {"fr": 0, "en": 0}
    for text in texts:
        low = str(text).lower()
        for word in re.findall(r"[a-zà-ÿœ]+", low):
            for code, words in _WORDS.items():
                score[code] += word in words
        score["fr"] += sum(ch in _FRENCH_LETTERS for ch in low)
    if max(score.values()) < 3:
        return None
    fr, en = score["fr"], score["en"]
    return "fr" if fr >= 2 * en else "en" if en >= 2 * fr else None
