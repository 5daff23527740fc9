"""Ordered schema migrations, each applied in one transaction and recorded in `_migrations`.

The schema is SQL text, a migration a function; `duplicates` pairs tables of like columns by shape:
declarations, not repeated logic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlite_utils

MIGRATIONS: list[tuple[str, Callable[[], str]]] = []


def migration(fn: Callable[[], str]) -> Callable[[], str]:
    """Register a migration (a function returning SQL); they run in definition order."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet recorded, each atomically; return the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        script = (
            "BEGIN IMMEDIATE;\n"
            + fn()
            + f"\nINSERT OR IGNORE INTO _migrations (name, applied_at) VALUES ('{name}', '{now}');"
            + "\nCOMMIT;"
        )
        try:
            db.conn.executescript(script)
        except Exception:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            # Another process may have applied it meanwhile.
            if db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone():
                continue
            raise
        applied.append(name)
    return applied


def migration_state(db: sqlite_utils.Database) -> tuple[list[str], list[str]]:
    """(migrations this store lacks, migrations it has that this code does not know), read
    without writing; a store from a newer afdaek has unknown ones."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").fetchone():
        return [name for name, _ in MIGRATIONS], []
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    known = {name for name, _ in MIGRATIONS}
    return [n for n, _ in MIGRATIONS if n not in done], sorted(done - known)


def fts5(table: str, columns: list[str]) -> str:
    """An external-content FTS5 index on table's columns, kept current by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
    CREATE VIRTUAL TABLE {table}_fts USING fts5({cols}, content='{table}', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 0');
    CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
      INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
      INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old});
    END;
    CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
      INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old});
      INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    """


@migration
def m001_initial() -> str:
    """Documents, agenda items, ingest errors and the audit of runs."""
    return (
        """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        user TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        counts TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,              -- sha256 of the file's bytes
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT,
        date TEXT,
        case_id TEXT,
        text TEXT NOT NULL,               -- pseudonymised unless the user asked otherwise
        lemmas TEXT NOT NULL DEFAULT '',  -- lemmas of the text, for lemma-aware search
        format TEXT NOT NULL,
        pages INTEGER,
        encoding TEXT,
        pseudonymised INTEGER NOT NULL DEFAULT 1,
        ingested_at TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX idx_documents_path ON documents(path);
    CREATE INDEX idx_documents_kind ON documents(kind);
    CREATE INDEX idx_documents_case ON documents(case_id);
    CREATE TABLE meeting_items (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        committee TEXT,
        meeting_date TEXT,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        type TEXT,
        case_number TEXT,
        open INTEGER NOT NULL DEFAULT 1,
        sections TEXT NOT NULL DEFAULT '{}',
        indstilling TEXT,
        beslutning TEXT,
        fravaerende TEXT,
        bilag TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL DEFAULT '',
        lemmas TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_meeting_items_doc ON meeting_items(document_id);
    CREATE INDEX idx_meeting_items_date ON meeting_items(meeting_date);
    CREATE TABLE ingest_errors (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        path TEXT NOT NULL,
        problem TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """
        + fts5("documents", ["title", "text", "lemmas"])
        + fts5("meeting_items", ["title", "text", "lemmas"])
    )


@migration
def m002_screening() -> str:
    """Cases, their events, findings per screening run, samples and human reviews."""
    return """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,               -- the case folder's name or the export's case id
        ydelse TEXT,
        visitationskategori TEXT,
        borger TEXT,                       -- pseudonym unless personal data were kept
        sagsbehandler TEXT,
        team TEXT,
        start TEXT,
        source TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX idx_cases_ydelse ON cases(ydelse, visitationskategori);
    CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        date TEXT,
        negated INTEGER NOT NULL DEFAULT 0,
        evidence TEXT NOT NULL,
        document TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        matched TEXT,
        details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX idx_case_events_case ON case_events(case_id, date);
    CREATE INDEX idx_case_events_doc ON case_events(document_id);
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        verdict TEXT NOT NULL,
        explanation TEXT NOT NULL,
        events TEXT NOT NULL DEFAULT '[]',   -- ids in case_events
        created_at TEXT NOT NULL
    );
    CREATE INDEX idx_findings_case ON findings(case_id, rule, run_id);
    CREATE INDEX idx_findings_rule ON findings(run_id, rule, verdict);
    CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        seed INTEGER,
        n INTEGER NOT NULL,
        stratify TEXT,
        note TEXT
    );
    CREATE TABLE sample_cases (
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        stratum TEXT,
        PRIMARY KEY (sample_id, case_id)
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL,            -- bekraeftet, afvist, aendret
        verdict TEXT,                      -- the reviewer's verdict when changed
        comment TEXT,
        reviewed_at TEXT NOT NULL,
        import_key TEXT UNIQUE             -- makes an imported review row idempotent
    );
    CREATE INDEX idx_reviews_finding ON reviews(finding_id, id);
    """


@migration
def m003_letters() -> str:
    """Readability and klarsprog results for ingested letters."""
    return """
    CREATE TABLE letter_checks (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        letter_date TEXT,
        lix REAL,
        words INTEGER NOT NULL,
        sentences INTEGER NOT NULL,
        long_words INTEGER NOT NULL,
        rix REAL,
        band TEXT,
        checklist TEXT NOT NULL DEFAULT '{}',
        missing TEXT NOT NULL DEFAULT '[]',
        checked_at TEXT NOT NULL
    );
    CREATE INDEX idx_letter_checks_date ON letter_checks(letter_date);
    CREATE TABLE language_issues (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        message TEXT NOT NULL,
        suggestion TEXT
    );
    CREATE INDEX idx_language_issues_doc ON language_issues(document_id);
    CREATE INDEX idx_language_issues_rule ON language_issues(rule);
    """


@migration
def m004_report_inputs() -> str:
    """Indicator, benchmark, offer, sanction, appeal and survey tables for the reports."""
    return """
    CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT, measure TEXT NOT NULL, group_name TEXT, municipality TEXT NOT NULL,
        period TEXT NOT NULL, value REAL, unit TEXT
    );
    CREATE INDEX idx_indicators ON indicators(measure, group_name, municipality, period);
    CREATE TABLE benchmarks (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        municipality TEXT NOT NULL, area TEXT NOT NULL, period TEXT,
        placering INTEGER, faktisk REAL, forventet REAL, forskel REAL, besparelse REAL
    );
    CREATE TABLE offers (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL, provider TEXT, provider_type TEXT, period TEXT,
        annual_cost REAL, places REAL, participants INTEGER, mean_duration_weeks REAL,
        status_job INTEGER, status_uddannelse INTEGER, status_ydelse INTEGER
    );
    CREATE TABLE sanction_stats (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        municipality TEXT NOT NULL, period TEXT NOT NULL, ydelse TEXT,
        visitationskategori TEXT, sanction_type TEXT, count INTEGER
    );
    CREATE INDEX idx_sanction_stats ON sanction_stats(municipality, period);
    CREATE TABLE appeal_stats (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        municipality TEXT NOT NULL, period TEXT NOT NULL, ydelse TEXT,
        appeals INTEGER, changed INTEGER, sent_back INTEGER, upheld INTEGER
    );
    CREATE TABLE survey_responses (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        respondent TEXT, group_name TEXT, before TEXT, during TEXT, after TEXT,
        satisfaction TEXT
    );
    CREATE INDEX idx_survey_group ON survey_responses(group_name, satisfaction);
    """


@migration
def m005_recommendations() -> str:
    """Recommendation sets, milestones, dated status history and links to agenda items."""
    return """
    CREATE TABLE recommendation_sets (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT,
        loaded_at TEXT NOT NULL
    );
    CREATE TABLE recommendations (
        id INTEGER PRIMARY KEY,
        set_id TEXT NOT NULL REFERENCES recommendation_sets(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        title TEXT NOT NULL,
        purpose TEXT,
        effects TEXT NOT NULL DEFAULT '[]',
        owner TEXT,
        keywords TEXT NOT NULL DEFAULT '[]',
        indicators TEXT NOT NULL DEFAULT '[]',
        UNIQUE (set_id, number)
    );
    CREATE TABLE milestones (
        id INTEGER PRIMARY KEY,
        recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        deadline TEXT,
        UNIQUE (recommendation_id, title)
    );
    CREATE TABLE recommendation_updates (
        id INTEGER PRIMARY KEY,
        recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        source TEXT,
        meeting_item_id INTEGER REFERENCES meeting_items(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        created_by TEXT
    );
    CREATE INDEX idx_rec_updates ON recommendation_updates(recommendation_id, date, id);
    CREATE TABLE recommendation_links (
        id INTEGER PRIMARY KEY,
        recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
        meeting_item_id INTEGER NOT NULL REFERENCES meeting_items(id) ON DELETE CASCADE,
        score REAL NOT NULL,
        reason TEXT,
        status TEXT NOT NULL DEFAULT 'foreslaaet',   -- foreslaaet, accepteret, afvist
        decided_at TEXT,
        decided_by TEXT,
        UNIQUE (recommendation_id, meeting_item_id)
    );
    """


@migration
def m006_current_findings() -> str:
    """Mark each case's findings from its latest screening run as current, with a covering
    index, so report counts do not have to find the latest run per case every time."""
    return """
    CREATE INDEX idx_findings_case_run ON findings(case_id, run_id);
    ALTER TABLE findings ADD COLUMN current INTEGER NOT NULL DEFAULT 1;
    UPDATE findings SET current = (run_id IS (SELECT MAX(f2.run_id) FROM findings f2
                                              WHERE f2.case_id = findings.case_id));
    CREATE INDEX idx_findings_current ON findings(current, rule, verdict, case_id);
    CREATE TRIGGER findings_current AFTER INSERT ON findings BEGIN
      UPDATE findings SET current = 0
       WHERE case_id = NEW.case_id AND current = 1 AND run_id < NEW.run_id;
      UPDATE findings SET current = 0
       WHERE id = NEW.id AND EXISTS (SELECT 1 FROM findings f
                                     WHERE f.case_id = NEW.case_id AND f.run_id > NEW.run_id);
    END;
    """


@migration
def m007_personal_data_keys() -> str:
    """Keys that let a file be recognised without storing its real path (documents.source_key,
    a salted hash of the path) and re-pseudonymised when its case's sag.toml changes
    (documents.pseudonym_key); the case an ingest error belongs to, so forgetting the case
    removes it."""
    return """
    ALTER TABLE documents ADD COLUMN source_key TEXT;
    ALTER TABLE documents ADD COLUMN pseudonym_key TEXT;
    CREATE INDEX idx_documents_source_key ON documents(source_key);
    ALTER TABLE ingest_errors ADD COLUMN case_id TEXT;
    CREATE INDEX idx_ingest_errors_case ON ingest_errors(case_id);
    """


@migration
def m008_exports() -> str:
    """What real exports carry beyond the rows: a table's source line (jobindsats' 'Kilde: ...',
    for the reports' Datagrundlag), whether a document's text was read by OCR, who sent an
    e-mail; the benchmark's share columns (Y30R21); a SurveyXact survey's questions (with their
    labels and the role afdaek gave them: gruppe, tilfredshed, kommentar) and its open answers."""
    return """
    ALTER TABLE documents ADD COLUMN source_note TEXT;
    ALTER TABLE documents ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN sender TEXT;
    ALTER TABLE benchmarks ADD COLUMN faktisk_andel REAL;
    ALTER TABLE benchmarks ADD COLUMN forventet_andel REAL;
    ALTER TABLE benchmarks ADD COLUMN forskel_andel REAL;
    CREATE TABLE survey_questions (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, variable TEXT NOT NULL, text TEXT, type TEXT, role TEXT,
        labels TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX idx_survey_questions ON survey_questions(document_id, role);
    CREATE TABLE survey_comments (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        respondent TEXT, variable TEXT, question TEXT, text TEXT NOT NULL
    );
    CREATE INDEX idx_survey_comments ON survey_comments(document_id);
    """


@migration
def m010_finding_versions() -> str:
    """The rule version each finding was judged by (JSON: fra, til, basis, bekraeftet), so a
    report can say which versions of the law were applied and which are not confirmed."""
    return """
    ALTER TABLE findings ADD COLUMN version TEXT;
    """


@migration
def m009_minutes_kle() -> str:
    """The KLE number printed with an agenda item (`15.20G00 - 2013/01963`, `KLE: 27.24.00`),
    beside its case number."""
    return """
    ALTER TABLE meeting_items ADD COLUMN kle TEXT;
    """


@migration
def m011_reviews_by_case_rule() -> str:
    """Reviews looked up by case and rule (the latest review of a case's rule stands after a
    new screening run, store.screening.latest_findings)."""
    return """
    CREATE INDEX idx_reviews_case_rule ON reviews(case_id, rule, id);
    """


@migration
def m012_survey_codes() -> str:
    """A person's codes for survey comments (`afdaek survey recode --import`): themes, negative
    or not, complaint families, a note, who and when. A NULL column is not coded (the automatic
    value stands). Rows are never changed: the newest row of a comment is the one that counts,
    the older ones are its history. comment_id is store.surveys.comment_id, made of the
    comment's own content, so it stays the same when the survey file is ingested again."""
    return """
    CREATE TABLE survey_codes (
        id INTEGER PRIMARY KEY,
        comment_id TEXT NOT NULL,
        themes TEXT,                       -- JSON list of theme keys
        negative INTEGER,                  -- 1 = negative, 0 = not negative
        complaints TEXT,                   -- JSON list of complaint family names
        note TEXT,
        coded_by TEXT NOT NULL,
        coded_at TEXT NOT NULL,
        source TEXT                        -- the sheet the code was imported from
    );
    CREATE INDEX idx_survey_codes_comment ON survey_codes(comment_id, id);
    """
