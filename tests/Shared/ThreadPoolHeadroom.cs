using System.Runtime.CompilerServices;

namespace CommonsCall.Testing;

/// <summary>
/// Tests block threads (bunit's waits, Playwright's synchronous helpers) while hundreds of racing requests await
/// PostgreSQL. On a 2-core machine the thread pool starts with 2 threads and adds about one a second, so on a busy
/// machine a render a test waits for could starve for many seconds. Starting with more threads removes that wait;
/// it changes nothing the app does.
/// </summary>
internal static class ThreadPoolHeadroom
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
