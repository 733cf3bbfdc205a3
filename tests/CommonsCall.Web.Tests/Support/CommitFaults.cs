namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// Makes a test's own database refuse, when it commits, any transaction that did <c>operation</c> on <c>table</c>: as
/// a crash at that moment would, it takes the whole change with it, including what was added to it before (notices,
/// mails). Proves that such side effects exist exactly when the change does.
/// </summary>
public static class CommitFaults
{
    public static Task RefuseAtCommitAsync(string connectionString, string table, string operation) => TestPostgres.ExecuteAsync(connectionString, $"""
        CREATE OR REPLACE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit by the test'; END $$;
        CREATE CONSTRAINT TRIGGER "refuse_{operation.ToLowerInvariant()}_{table}" AFTER {operation} ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
        """);
}
