-- Run once in a test file's freshly seeded PostgreSQL database (tests/support/org.ts): keeps a
-- copy of every table's seeded rows in the schema lc_seed and defines lc_seed.reset(), which puts
-- them back. Resetting the rows is about 10 ms; copying a database from a template was 260 ms a
-- test (CREATE DATABASE … TEMPLATE and DROP DATABASE each write a checkpoint's worth).
--
-- reset() answers false, and changes nothing, when the schema is no longer the one that was
-- seeded (a test added a trigger, a function, a column or an index and did not take it away):
-- the caller then starts over in a new database instead of trusting a reset one.
CREATE SCHEMA lc_seed;

CREATE FUNCTION lc_seed.fingerprint() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT md5(concat_ws('|',
    (SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY table_name, column_name)
       FROM information_schema.columns WHERE table_schema = 'public'),
    (SELECT string_agg(indexname || ':' || indexdef, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'),
    (SELECT string_agg(t.tgname || ':' || c.relname || ':' || t.tgenabled::text, ',' ORDER BY t.tgname, c.relname)
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal),
    (SELECT string_agg(p.proname || ':' || md5(p.prosrc), ',' ORDER BY p.proname)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')
  ))
$$;

DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('CREATE TABLE lc_seed.%I AS TABLE public.%I', t.tablename, t.tablename);
  END LOOP;
END $$;

CREATE TABLE lc_seed."_fingerprint" AS SELECT lc_seed.fingerprint() AS value;

CREATE FUNCTION lc_seed.reset() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  IF lc_seed.fingerprint() IS DISTINCT FROM (SELECT value FROM lc_seed."_fingerprint") THEN
    RETURN false;
  END IF;
  -- A test that left a connection or a transaction open must not hold a row of the next test.
  PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();
  -- The rows go back exactly as seeded: no trigger (security versions, foreign keys) runs on them.
  SET LOCAL session_replication_role = replica;
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DELETE FROM public.%I', t.tablename);
    EXECUTE format('INSERT INTO public.%I SELECT * FROM lc_seed.%I', t.tablename, t.tablename);
  END LOOP;
  RETURN true;
END $$;
