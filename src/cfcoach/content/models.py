"""Pydantic models of an exercise: metadata plus a graph of steps.

An exercise file is YAML; :mod:`cfcoach.content.loader` turns it into these models and
:mod:`cfcoach.content.checks` checks the graph. The JSON Schema for editors comes from
:class:`Exercise` (``Exercise.model_json_schema()``).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cfcoach.textsafety import printable

END = "end"
"""The target that finishes an exercise (``next: end``)."""

StepId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]
System = Literal["threat", "drive", "soothe"]


class _Strict(BaseModel):
    # Field docstrings become descriptions in the JSON Schema (`cfcoach content schema`).
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, use_attribute_docstrings=True
    )

    _compared: ClassVar[frozenset[str]] = frozenset()
    """Fields whose text is compared with answers, never shown: kept exactly as written."""

    @field_validator("*")
    @classmethod
    def _shown_safely(cls, value: Any, info: ValidationInfo) -> Any:
        # Every text an exercise file holds may reach a terminal (lists, the coach, plain
        # mode, previews, exports): its control and bidirectional characters are made
        # visible here, once, for every front-end (see cfcoach.textsafety.printable).
        if info.field_name in cls._compared:
            return value
        return _printable_in(value)


def _printable_in(value: Any) -> Any:
    """``value`` with :func:`printable` applied to every string in it (lists, dict values)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable_in(item) for item in value]
    if isinstance(value, dict):
        return {key: _printable_in(item) for key, item in value.items()}
    return value


class Condition(_Strict):
    """A test on earlier answers, written as data (never evaluated as code).

    Either name an ``answer`` (a step id) with exactly one test, or combine other
    conditions with exactly one of ``all``, ``any`` or ``not``.
    """

    _compared = frozenset({"equals", "one_of"})

    answer: StepId | None = None
    """The id of the step whose answer is tested."""
    at_least: float | None = None
    """True when the (numeric) answer is at least this number."""
    at_most: float | None = None
    """True when the (numeric) answer is at most this number."""
    equals: str | int | None = None
    """True when the answer equals this value (for a multiple choice: when it is among those chosen)."""
    one_of: list[str | int] | None = None
    """True when the answer is one of these values."""
    answered: bool | None = None
    """True when the step was answered (``true``) or skipped / not reached (``false``)."""
    all: list[Condition] | None = None
    """True when every one of these conditions is true."""
    any: list[Condition] | None = None
    """True when at least one of these conditions is true."""
    not_: Condition | None = Field(default=None, alias="not")
    """True when this condition is false."""

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        tests = [
            name
            for name in ("at_least", "at_most", "equals", "one_of", "answered")
            if getattr(self, name) is not None
        ]
        combinators = [name for name in ("all", "any", "not_") if getattr(self, name) is not None]
        if combinators:
            if len(combinators) > 1 or tests or self.answer is not None:
                raise ValueError(
                    "a condition uses one of 'all', 'any' or 'not' on its own; "
                    "split it into separate conditions"
                )
            return self
        if self.answer is None:
            raise ValueError(
                "a condition needs 'answer: STEP_ID' and one test "
                "(at_least, at_most, equals, one_of or answered)"
            )
        if len(tests) != 1:
            raise ValueError(
                "a condition tests one thing: use exactly one of "
                "at_least, at_most, equals, one_of, answered (combine with 'all' for more)"
            )
        return self

    def referenced_steps(self) -> set[str]:
        """Every step id this condition reads."""
        found: set[str] = set()
        if self.answer is not None:
            found.add(self.answer)
        for child in (self.all or []) + (self.any or []):
            found |= child.referenced_steps()
        if self.not_ is not None:
            found |= self.not_.referenced_steps()
        return found


class Branch(_Strict):
    """One way out of a step: go to ``goto`` when ``when`` holds (or always, without ``when``)."""

    when: Condition | None = None
    """The condition for taking this branch; leave it out for the fallback branch."""
    goto: StepId
    """The id of the next step, or ``end`` to finish the exercise."""


def _next_form(value: Any) -> str | None:
    """Which form of ``next`` a value is, so only that form's problems are reported."""
    if isinstance(value, list):
        return "branches"
    if isinstance(value, str):
        return "step"
    return None


Next = (
    Annotated[
        Annotated[StepId, Tag("step")] | Annotated[list[Branch], Tag("branches")],
        Discriminator(
            _next_form,
            custom_error_type="next_form",
            custom_error_message="'next' is a step id, 'end', or a list of branches",
        ),
    ]
    | None
)


class Grounding(_Strict):
    """The short grounding pause offered when a step feels like too much."""

    text: str = Field(min_length=1)
    """What the pause says, in a few calm sentences."""
    seconds: int = Field(default=30, ge=5, le=300)
    """How long the pause lasts."""


class StepBase(_Strict):
    """Fields every step has."""

    id: StepId
    """A short name, unique in the exercise (lower case letters, digits, - and _)."""
    title: str = Field(min_length=1)
    """The heading shown above the step."""
    text: str = ""
    """What the step says or asks, in plain words."""
    system: System | None = None
    """Which of the three systems the step belongs to: threat, drive or soothe."""
    label: str | None = None
    """A short name for the answer in reviews and exports (defaults to the title)."""
    private: bool = False
    """When true, this step's answer is left out of exports unless the person asks."""
    next: Next = None
    """Where to go next: a step id, ``end``, or a list of branches; by default the following step."""

    @property
    def answer_label(self) -> str:
        return self.label or self.title

    @property
    def takes_answer(self) -> bool:
        return False

    def referenced_steps(self) -> set[str]:
        """The steps whose answers this step shows."""
        return set()

    def asks_about_safety(self, answer: object) -> bool:
        """True when ``answer`` is one the exercise marks for the gentle safety question."""
        return False


class InfoStep(StepBase):
    """A step that only says something."""

    kind: Literal["info"]
    """The kind of step."""


class TextStep(StepBase):
    """A step that asks for words."""

    kind: Literal["text"]
    """The kind of step."""
    placeholder: str = ""
    """A faint hint shown in the empty answer box."""
    optional: bool = False
    """When true, an empty answer is fine (it is recorded as skipped)."""
    multiline: bool = True
    """When true, the answer box takes several lines."""
    pin: list[StepId] = Field(default_factory=list)
    """Ids of earlier steps whose answers stay in view while writing this one."""
    max_length: int = Field(default=100_000, ge=1, le=1_000_000)
    """The longest answer accepted, in characters."""

    @property
    def takes_answer(self) -> bool:
        return True

    def referenced_steps(self) -> set[str]:
        return set(self.pin)


class AskAboutSafety(_Strict):
    """When a rating brings the gentle question about thoughts of not wanting to be alive.

    Give exactly one of ``at_least`` or ``at_most``: ``{at_least: 9}`` for a distress
    scale, ``{at_most: 1}`` for a scale of hope or of how settled someone feels.
    """

    at_least: int | None = Field(default=None, ge=0, le=10)
    """Ask when the rating is this number or more (0 to 10)."""
    at_most: int | None = Field(default=None, ge=0, le=10)
    """Ask when the rating is this number or less (0 to 10)."""

    @model_validator(mode="after")
    def _one_threshold(self) -> AskAboutSafety:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(
                "'ask_about_safety' on a rating takes exactly one of 'at_least' or 'at_most', "
                "e.g. { at_least: 9 }"
            )
        return self

    def holds(self, rating: int) -> bool:
        """True when ``rating`` reaches the threshold."""
        if self.at_least is not None:
            return rating >= self.at_least
        return self.at_most is not None and rating <= self.at_most


class RatingStep(StepBase):
    """A step that asks for a number from 0 to 10."""

    kind: Literal["rating"]
    """The kind of step."""
    anchors: dict[int, str] = Field(default_factory=dict)
    """Words for some points of the scale, e.g. ``0: not at all``, ``10: completely``."""
    optional: bool = False
    """When true, the rating can be left out."""
    pin: list[StepId] = Field(default_factory=list)
    """Ids of earlier steps whose answers stay in view while rating."""
    ask_about_safety: AskAboutSafety | None = None
    """A rating at or past this threshold brings one gentle, direct question about thoughts of not wanting to be alive (at most once per entry), e.g. ``{at_least: 9}``."""

    @field_validator("anchors")
    @classmethod
    def _anchors_on_scale(cls, anchors: dict[int, str]) -> dict[int, str]:
        outside = sorted(k for k in anchors if not 0 <= k <= 10)
        if outside:
            raise ValueError(f"anchors must be points from 0 to 10, not {outside}")
        return anchors

    @property
    def takes_answer(self) -> bool:
        return True

    def referenced_steps(self) -> set[str]:
        return set(self.pin)

    def asks_about_safety(self, answer: object) -> bool:
        if self.ask_about_safety is None:
            return False
        return (
            isinstance(answer, int)
            and not isinstance(answer, bool)
            and self.ask_about_safety.holds(answer)
        )


class Option(_Strict):
    """One answer a choice step offers."""

    value: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    """What is saved when it is chosen (lower case letters, digits, - and _)."""
    label: str = Field(min_length=1)
    """What the person sees."""
    ask_about_safety: bool = False
    """When true, choosing this option brings one gentle, direct question about thoughts of not wanting to be alive (at most once per entry), e.g. on ``Hopeless``."""


class ChoiceStep(StepBase):
    """A step that offers answers to choose from."""

    kind: Literal["choice"]
    """The kind of step."""
    options: list[Option] = Field(min_length=2)
    """The answers offered, in order."""
    multiple: bool = False
    """When true, several answers can be chosen."""
    optional: bool = False
    """When true, the question can be left unanswered."""
    pin: list[StepId] = Field(default_factory=list)
    """Ids of earlier steps whose answers stay in view while choosing."""

    @field_validator("options")
    @classmethod
    def _unique_values(cls, options: list[Option]) -> list[Option]:
        values = [option.value for option in options]
        doubled = sorted({v for v in values if values.count(v) > 1})
        if doubled:
            raise ValueError(f"option values must differ; {doubled} appear more than once")
        return options

    @property
    def takes_answer(self) -> bool:
        return True

    def referenced_steps(self) -> set[str]:
        return set(self.pin)

    def asks_about_safety(self, answer: object) -> bool:
        chosen = answer if isinstance(answer, list) else [answer]
        return any(option.ask_about_safety and option.value in chosen for option in self.options)


class Breathing(_Strict):
    """A breathing rhythm for a pause: seconds to breathe in, hold and breathe out."""

    inhale: float = Field(default=4.0, ge=1, le=15)
    """Seconds breathing in."""
    hold: float = Field(default=0.0, ge=0, le=15)
    """Seconds resting between in and out (0 for none)."""
    exhale: float = Field(default=6.0, ge=1, le=15)
    """Seconds breathing out."""


class PauseStep(StepBase):
    """A timed pause (soothing rhythm, grounding, imagery) that can be ended early."""

    kind: Literal["pause"]
    """The kind of step."""
    seconds: int = Field(default=60, ge=5, le=1800)
    """How long the pause lasts."""
    cues: list[str] = Field(default_factory=list)
    """Short prompts shown one after another through the pause."""
    breathing: Breathing | None = None
    """A breathing rhythm to pace, if the pause uses the breath."""
    adjustable: bool = False
    """When true, the person can change the length (30 s to 5 min) and the rhythm before starting."""


class ReviewStep(StepBase):
    """A step that shows earlier answers back (a summary)."""

    kind: Literal["review"]
    """The kind of step."""
    show: list[StepId] = Field(default_factory=list)
    """Ids of the steps whose answers are shown."""
    display: Literal["list", "bars"] = "list"
    """``list`` shows each answer under its label; ``bars`` draws the ratings as a small bar chart."""

    def referenced_steps(self) -> set[str]:
        return set(self.show)


Step = Annotated[
    InfoStep | TextStep | RatingStep | ChoiceStep | PauseStep | ReviewStep,
    Field(discriminator="kind"),
]
AnswerStep = TextStep | RatingStep | ChoiceStep
STEP_KINDS = ("info", "text", "rating", "choice", "pause", "review")

DEFAULT_GROUNDING = Grounding(
    text=(
        "Let's set this down for a moment. Feel your feet on the floor and the seat "
        "holding you up. Look around and notice three things you can see. "
        "Let your breath slow a little, at its own pace. Nothing needs to be done right now."
    ),
    seconds=30,
)


class Suggestion(_Strict):
    """A rule for suggesting a next exercise when this one ends (the person may take it or not)."""

    when: Condition | None = None
    """The condition on this exercise's answers; leave it out to always suggest."""
    exercise: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,63}$")]
    """The id of the exercise to suggest."""
    reason: str = Field(min_length=1)
    """One kind sentence on why it might help, shown with the suggestion."""


class Exercise(_Strict):
    """One exercise: what it is, and the steps that walk a person through it."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,63}$")]
    """A short unique name, e.g. ``daily-checkin`` (lower case letters, digits and -)."""
    title: str = Field(min_length=1)
    """The name shown to the person."""
    summary: str = Field(min_length=1)
    """One or two sentences on what the exercise is for."""
    minutes: int = Field(ge=1, le=120)
    """About how long it takes."""
    tags: list[str] = Field(default_factory=list)
    """Words to group exercises by, e.g. ``daily``, ``soothe``."""
    version: int = Field(ge=1)
    """Raise it when the steps change, so saved entries know which version they answered."""
    systems: list[System] = Field(default_factory=list)
    """The systems the exercise works with (threat, drive, soothe)."""
    sources: list[str] = Field(default_factory=list)
    """The published work the exercise follows, e.g. ``Gilbert (2009), The Compassionate Mind``."""
    grounding: Grounding = DEFAULT_GROUNDING
    """The pause offered when a step is too much right now."""
    suggest: list[Suggestion] = Field(default_factory=list)
    """Rules for suggesting a next exercise at the end; the first that holds is offered."""
    steps: list[Step] = Field(min_length=1)
    """The steps, starting with the first; each goes to the following one unless it says ``next``."""

    def step(self, step_id: str) -> StepBase:
        """The step with this id (``KeyError`` if there is none)."""
        for candidate in self.steps:
            if candidate.id == step_id:
                return candidate
        raise KeyError(step_id)

    def has_step(self, step_id: str) -> bool:
        return any(candidate.id == step_id for candidate in self.steps)

    def default_next(self, step_id: str) -> str:
        """The step that follows ``step_id`` in file order, or ``end`` after the last."""
        ids = [candidate.id for candidate in self.steps]
        index = ids.index(step_id)
        return ids[index + 1] if index + 1 < len(ids) else END

    def branches(self, step: StepBase) -> list[Branch]:
        """The ways out of ``step``, as branches (a plain ``next`` is one unconditional branch)."""
        if step.next is None:
            return [Branch(goto=self.default_next(step.id))]
        if isinstance(step.next, str):
            return [Branch(goto=step.next)]
        return list(step.next)
