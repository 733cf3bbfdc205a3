using System.Net.Sockets;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Tests.Faults;

public sealed class DatabaseErrorsTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), true },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow), true },
        { new PostgresException("the database system is in recovery mode", "FATAL", "FATAL", PostgresErrorCodes.CrashShutdown), true },
        { new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), true },
        { new DbUpdateException("save failed", new NpgsqlException("Exception while writing to stream", new IOException("broken pipe"))), true },
        { new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("x", new TimeoutException())), true },
        { new SocketException((int)SocketError.ConnectionReset), true },
        { new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)), false },
        { new PostgresException("syntax error", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError), false },
        { new InvalidOperationException("a bug"), false },
        { new NullReferenceException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_an_unreachable_or_stopping_database_counts_as_unavailable(Exception failure, bool unavailable) =>
        failure.IsDatabaseUnavailable().ShouldBe(unavailable);
}
