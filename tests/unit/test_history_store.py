"""History in the store: pages newest first, filters, full-text search, notes, drafts, the trash."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from benchmarks.generate_entries import RARE_EVERY, RARE_WORD, generate
from hypothesis import given, settings
from hypothesis import strategies as st

from cfcoach.store import EntryNotFound, EntryStore, StoreError, new_entry
from cfcoach.store.entries import TRASH_DAYS, EntryQuery
from cfcoach.store.history import (
    MATCH_END,
    MATCH_START,
    make_snippet,
    search_terms,
    snippet_parts,
)

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)
ALL = EntryQuery(include_private=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EntryStore]:
    with EntryStore(tmp_path / "entries.sqlite3") as entries:
        yield entries


def add(
    store: EntryStore,
    when: datetime,
    critic: str = "You always mess things up",
    *,
    exercise: str = "daily-checkin",
    status: str = "completed",
    private: bool = False,
    note: str | None = None,
) -> int:
    entry = replace(
        new_entry(exercise, 1, when),
        answers={"critic": critic, "intensity_before": 6},
        status=status,
        private=private,
        therapist_note=note,
        started_at=when,
        updated_at=when,
    )
    saved = store.save(entry)
    assert saved.id is not None
    return saved.id


def all_pages(store: EntryStore, query: EntryQuery, search: str | None = None, size: int = 7):
    page = store.history(query, search=search, limit=size)
    found = [item.entry.id for item in page.items]
    while page.next is not None:
        page = store.history(query, search=search, after=page.next, limit=size)
        assert len(page.items) <= size
        found += [item.entry.id for item in page.items]
    return found


# -- paging -------------------------------------------------------------------------------


def test_pages_run_newest_first_without_gaps_or_repeats(store: EntryStore) -> None:
    generate(store, 100, 6, now=NOW)
    expected = [e.id for e in store.select(EntryQuery(include_private=True), newest_first=True)]
    assert len(expected) == 100
    assert all_pages(store, ALL, size=7) == expected
    assert store.history_count(ALL) == 100


def test_entries_started_at_the_same_moment_are_all_listed(store: EntryStore) -> None:
    same = NOW - timedelta(days=1)
    ids = [add(store, same) for _ in range(5)]
    assert all_pages(store, ALL, size=2) == sorted(ids, reverse=True)


def test_an_empty_store_has_one_empty_last_page(store: EntryStore) -> None:
    page = store.history(ALL)
    assert page.items == () and page.next is None
    assert store.history_count(ALL) == 0


def test_drafts_trash_and_private_follow_the_query(store: EntryStore) -> None:
    kept = add(store, NOW - timedelta(days=3))
    private = add(store, NOW - timedelta(days=2), private=True)
    draft = add(store, NOW - timedelta(days=1), status="draft")
    trashed = add(store, NOW - timedelta(hours=5))
    store.move_to_trash(trashed, NOW)
    assert all_pages(store, ALL) == [private, kept]
    assert all_pages(store, EntryQuery()) == [kept]
    assert all_pages(store, EntryQuery(include_private=True, include_drafts=True)) == [
        draft,
        private,
        kept,
    ]


# -- filters ------------------------------------------------------------------------------


def test_filter_by_exercise_and_days(store: EntryStore) -> None:
    first = add(store, datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc))
    second = add(store, datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc), exercise="three-circles")
    third = add(store, datetime(2026, 3, 3, 0, 0, tzinfo=timezone.utc))
    add(store, datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc))

    march_1_to_3 = EntryQuery(since=date(2026, 3, 1), until=date(2026, 3, 3), include_private=True)
    assert all_pages(store, march_1_to_3) == [third, second, first]
    checkins = EntryQuery(
        since=date(2026, 3, 1),
        until=date(2026, 3, 3),
        exercise_ids=("daily-checkin",),
        include_private=True,
    )
    assert all_pages(store, checkins) == [third, first]
    assert store.history_count(checkins) == 2


def test_days_are_the_entrys_own_calendar_days(store: EntryStore) -> None:
    # 23:30 on 1 March in New York is 04:30 on 2 March in UTC; it belongs to 1 March.
    new_york = timezone(timedelta(hours=-5))
    late = add(store, datetime(2026, 3, 1, 23, 30, tzinfo=new_york))
    only_first = EntryQuery(since=date(2026, 3, 1), until=date(2026, 3, 1), include_private=True)
    assert all_pages(store, only_first) == [late]


# -- search -------------------------------------------------------------------------------


def test_search_finds_words_in_answers_and_notes(store: EntryStore) -> None:
    lazy = add(store, NOW - timedelta(days=3), "You're so lazy")
    noted = add(store, NOW - timedelta(days=2), "Useless", note="Ask about the lazy feeling")
    add(store, NOW - timedelta(days=1), "Nobody wants you")
    assert all_pages(store, ALL, search="lazy") == [noted, lazy]
    assert store.history_count(ALL, search="lazy") == 2
    # Every word must appear, in any order, as a word or the start of one.
    assert all_pages(store, ALL, search="lazy feel") == [noted]
    assert all_pages(store, ALL, search="LAZ") == [noted, lazy]


def test_search_leaves_out_the_trash(store: EntryStore) -> None:
    gone = add(store, NOW, "You're so lazy")
    store.move_to_trash(gone, NOW)
    assert all_pages(store, ALL, search="lazy") == []


def test_search_marks_the_matching_words(store: EntryStore) -> None:
    add(store, NOW, "Everyone else manages but you are lazy and slow")
    [item] = store.history(ALL, search="lazy").items
    assert item.snippet is not None
    assert f"{MATCH_START}lazy{MATCH_END}" in item.snippet
    assert ("lazy", True) in snippet_parts(item.snippet)
    assert [text for text, match in snippet_parts(item.snippet) if not match]


def test_search_ignores_accents_and_case(store: EntryStore) -> None:
    entry = add(store, NOW, "Je suis nulle, même au café")
    assert all_pages(store, ALL, search="CAFE meme") == [entry]


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '"unclosed',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "body:lazy",
        "*",
        "lazy*",
        "(",
        ")",
        "^",
        "-lazy",
        "a + b",
        "{body note}:x",
        "''",
        "_",
        "\\",
        "\x00",
        "😀",
        "🙂 lazy",
    ],
)
def test_fts_syntax_typed_by_a_person_is_only_words(store: EntryStore, typed: str) -> None:
    add(store, NOW, "You're so lazy")
    store.history(ALL, search=typed)  # never raises
    store.history_count(ALL, search=typed)


@settings(max_examples=150, deadline=None)
@given(typed=st.text(max_size=30))
def test_any_search_text_is_safe(typed: str) -> None:
    expression = search_terms(typed)
    assert expression is None or expression.strip()
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61')")
    connection.execute("INSERT INTO t VALUES ('some words here')")
    if expression is not None:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
    connection.close()


def test_a_lone_surrogate_in_a_search_is_taken_as_stored_text_takes_it(store: EntryStore) -> None:
    # Undecodable input (a terminal or argv) gives a lone surrogate; SQLite can't encode it.
    entry = add(store, NOW, "a lone\udc80surrogate, lazy")
    assert search_terms("lone\udc80surrogate") == '"lone\ufffdsurrogate"*'
    assert all_pages(store, ALL, search="lone\udc80surrogate") == [entry]
    assert store.history_count(ALL, search="\udc80lazy") == 1


def test_a_snippet_is_the_words_around_the_first_match() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen Lazy again"
    snippet = make_snippet((text, ""), "lazy")
    assert snippet is not None and snippet.startswith("…") and not snippet.endswith("…")
    assert ("Lazy", True) in snippet_parts(snippet)
    assert len(snippet_parts(snippet)[0][0].split()) <= 12
    assert (
        make_snippet(("short", "Au café, même"), "CAFE") == f"Au {MATCH_START}café{MATCH_END}, même"
    )
    assert make_snippet(("nothing here", ""), "lazy") is None
    assert make_snippet(("lazy",), "!!!") is None


def test_a_100_kb_entry_full_of_matches_gives_a_short_snippet(store: EntryStore) -> None:
    # FTS5's snippet() compared every match with every other: this took minutes.
    text = ("A kind word, again and again. " * 3334)[:100_000]
    add(store, NOW, text)
    [item] = store.history(ALL, search=text[:2000]).items
    assert item.snippet is not None and len(item.snippet) < 200
    assert (MATCH_START + "A" + MATCH_END) in item.snippet


def test_search_terms_quote_every_word() -> None:
    assert search_terms("  you're   NOT ") == '"you\'re"* "NOT"*'
    assert search_terms('say "hi"') == '"say"* """hi"""*'
    assert search_terms("!!! ...") is None
    assert search_terms("") is None


def test_a_search_with_no_words_lists_everything(store: EntryStore) -> None:
    one = add(store, NOW)
    assert all_pages(store, ALL, search="!!!") == [one]


def test_about_a_hundredth_of_generated_entries_mention_the_rare_word(store: EntryStore) -> None:
    generate(store, 1000, 12, now=NOW)
    found = store.history_count(EntryQuery(include_private=True), search=RARE_WORD)
    assert 1000 // RARE_EVERY * 0.8 <= found <= 1000 // RARE_EVERY


# -- notes and private ----------------------------------------------------------------------


def test_notes_are_set_changed_and_removed(store: EntryStore) -> None:
    entry = add(store, NOW)
    store.set_note(entry, "  Talk about the meeting\nand the email  ")
    assert store.get(entry).therapist_note == "Talk about the meeting\nand the email"
    assert all_pages(store, ALL, search="email") == [entry]
    store.set_note(entry, "Something else")
    assert all_pages(store, ALL, search="email") == []
    store.set_note(entry, "   ")
    assert store.get(entry).therapist_note is None
    store.set_note(entry, "x")
    store.set_note(entry, None)
    assert store.get(entry).therapist_note is None


def test_a_note_or_mark_on_a_missing_entry_says_so(store: EntryStore) -> None:
    with pytest.raises(EntryNotFound, match="There is no entry 42; `cfcoach history`"):
        store.set_note(42, "hello")
    with pytest.raises(EntryNotFound):
        store.set_private(42, True)


def test_private_is_kept_through_a_later_save_of_the_note(store: EntryStore) -> None:
    entry = add(store, NOW)
    store.set_private(entry, True)
    store.set_note(entry, "note")
    saved = store.get(entry)
    assert saved.private and saved.therapist_note == "note"
    store.set_private(entry, False)
    assert store.get(entry).private is False


# -- the trash ------------------------------------------------------------------------------


def test_trash_hides_and_restore_brings_back_unchanged(store: EntryStore) -> None:
    entry = add(store, NOW - timedelta(days=1), "You're so lazy", private=True, note="n")
    before = store.get(entry)
    store.move_to_trash(entry, NOW)
    assert store.history_count(ALL) == 0
    assert store.count() == 0
    [trashed] = store.in_trash()
    assert trashed.id == entry and trashed.deleted_at == NOW
    store.move_to_trash(entry, NOW + timedelta(hours=1))  # twice: nothing changes
    assert store.get(entry).deleted_at == NOW

    store.restore(entry)
    after = store.get(entry)
    assert after == before
    assert store.in_trash() == []
    assert all_pages(store, ALL, search="lazy") == [entry]


def test_trash_lists_the_most_recently_deleted_first(store: EntryStore) -> None:
    first = add(store, NOW - timedelta(days=10))
    second = add(store, NOW - timedelta(days=20))
    store.move_to_trash(first, NOW - timedelta(days=2))
    store.move_to_trash(second, NOW - timedelta(days=1))
    assert [e.id for e in store.in_trash()] == [second, first]


def test_trash_and_restore_of_a_missing_entry_say_so(store: EntryStore) -> None:
    with pytest.raises(EntryNotFound):
        store.move_to_trash(7, NOW)
    with pytest.raises(EntryNotFound):
        store.restore(7)


def test_purge_deletes_only_what_was_trashed_over_thirty_days_ago(store: EntryStore) -> None:
    old = add(store, NOW - timedelta(days=100))
    recent = add(store, NOW - timedelta(days=100))
    kept = add(store, NOW - timedelta(days=100))
    store.move_to_trash(old, NOW - timedelta(days=TRASH_DAYS, seconds=1))
    # Deleted in another time zone just inside the 30 days: still kept.
    store.move_to_trash(
        recent, (NOW - timedelta(days=TRASH_DAYS - 1)).astimezone(timezone(timedelta(hours=9)))
    )

    assert store.purge_trash(NOW) == 1
    assert [e.id for e in store.in_trash()] == [recent]
    assert store.get(kept).deleted_at is None
    with pytest.raises(EntryNotFound):
        store.get(old)
    assert all_pages(store, ALL, search="mess") == [kept]  # the search index forgets it too
    assert store.purge_trash(NOW) == 0


# -- drafts ---------------------------------------------------------------------------------


def test_drafts_are_listed_and_discarded_into_the_trash(store: EntryStore) -> None:
    older = add(store, NOW - timedelta(days=2), status="draft")
    newer = add(store, NOW - timedelta(days=1), status="draft")
    done = add(store, NOW - timedelta(days=3))
    assert [e.id for e in store.drafts()] == [newer, older]

    store.discard_draft(older, NOW)
    assert [e.id for e in store.drafts()] == [newer]
    assert [e.id for e in store.in_trash()] == [older]
    assert store.latest_draft() is not None and store.latest_draft().id == newer  # type: ignore[union-attr]

    with pytest.raises(StoreError, match="not a draft"):
        store.discard_draft(done, NOW)
    assert store.get(done).deleted_at is None

    store.restore(older)
    assert [e.id for e in store.drafts()] == [newer, older]
