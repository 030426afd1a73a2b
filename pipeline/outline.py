"""What the plan does with a chapter that has nothing to show, decided in one place.

``compose`` follows these rules when it builds the plan and ``sense`` warns with them before,
so the warning and the plan cannot disagree. A chapter is either left out (the headings
after it are numbered without a gap) or shows one sentence, as a nämnd would publish it:

* Särskilda satsningar och uppdrag: one sentence. Whether kommunfullmäktige gave the nämnd
  any is part of what the council reads, so the chapter says that there are none.
* Nämndens volymer: left out. Some nämnder measure no volumes at all.
* Investeringsbudget: one sentence (a budget chapter says that there are no investments).
* Nämndens hållbarhetsarbete: left out; a sentence would claim the nämnd does nothing.
* Nämndens utvecklingsmål för grunduppdraget: left out (a sub-section).

Chapters whose sheets must have rows (Målbild, Grunduppdrag, Driftsbudget) are never empty:
validation refuses an empty one.
"""

from __future__ import annotations

from typing import NamedTuple


class EmptyChapter(NamedTuple):
    sheet: str  # the sheet whose rows fill the chapter
    comments: str | None  # the Kommentarer section that also fills it, if any
    heading: str  # the chapter's heading, as the warning names it
    sentence: str = ""  # "" leaves the chapter out; else the sentence shown ({year})

    def text(self, year: int) -> str:
        return self.sentence.format(year=year)


SATSNINGAR = EmptyChapter(
    "Satsningar och uppdrag",
    None,
    "Särskilda satsningar och uppdrag från kommunfullmäktige",
    "Nämnden har inga särskilda satsningar eller uppdrag i kommunfullmäktiges årsplan för {year}.",
)
VOLYMER = EmptyChapter("Volymer", "Volymer", "Nämndens volymer")
INVESTERINGAR = EmptyChapter(
    "Investeringsbudget",
    "Investeringsbudget",
    "Investeringsbudget",
    "Nämnden har inga investeringar under perioden.",
)
HALLBARHET = EmptyChapter("Hållbarhet", None, "Nämndens hållbarhetsarbete")
UTVECKLINGSMAL = EmptyChapter("Utvecklingsmål", None, "Nämndens utvecklingsmål för grunduppdraget")

EMPTY_CHAPTERS: tuple[EmptyChapter, ...] = (
    SATSNINGAR,
    UTVECKLINGSMAL,
    VOLYMER,
    INVESTERINGAR,
    HALLBARHET,
)
