-- press-extract registry tables, schema version 1.0.
-- Portable SQL for SQLite and PostgreSQL. Child rows belong to one release and are
-- replaced as a whole when the release is upserted (ON DELETE CASCADE).
CREATE TABLE IF NOT EXISTS releases (
    id              TEXT PRIMARY KEY,
    schema_version  TEXT NOT NULL,
    source_path     TEXT,
    source_url      TEXT,
    canonical_url   TEXT,
    sha256          TEXT NOT NULL,
    fetched_at      TEXT,
    language        TEXT NOT NULL,
    title           TEXT,
    published       TEXT,
    issuer          TEXT,
    text            TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    honorifics  TEXT,
    PRIMARY KEY (release_id, person_id)
);
CREATE TABLE IF NOT EXISTS roles (
    release_id    TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    organisation  TEXT,
    region        TEXT,
    PRIMARY KEY (release_id, person_id, position),
    FOREIGN KEY (release_id, person_id) REFERENCES people(release_id, person_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS amounts (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    currency    TEXT NOT NULL,
    qualifier   TEXT NOT NULL,
    range_id    INTEGER,
    range_part  TEXT,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    sentence    INTEGER,
    PRIMARY KEY (release_id, position)
);
CREATE TABLE IF NOT EXISTS dates (
    release_id   TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    value        TEXT NOT NULL,
    granularity  TEXT NOT NULL,
    relative     BOOLEAN NOT NULL,
    range_id     INTEGER,
    range_part   TEXT,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    sentence     INTEGER,
    PRIMARY KEY (release_id, position)
);
CREATE TABLE IF NOT EXISTS programmes (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    program_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aliases     TEXT,
    PRIMARY KEY (release_id, program_id)
);
CREATE TABLE IF NOT EXISTS regions (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    region_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    code        TEXT,
    nuts        TEXT,
    PRIMARY KEY (release_id, region_id)
);
CREATE TABLE IF NOT EXISTS quotes (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    speaker_id  TEXT,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    sentence    INTEGER,
    PRIMARY KEY (release_id, position)
);
CREATE TABLE IF NOT EXISTS mentions (
    release_id  TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    sentence    INTEGER,
    PRIMARY KEY (release_id, kind, entity_id, position)
);
CREATE INDEX IF NOT EXISTS regions_code ON regions (code);
CREATE INDEX IF NOT EXISTS people_name ON people (name);
CREATE INDEX IF NOT EXISTS programmes_name ON programmes (name);
