using System.Diagnostics;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Benchmarks;

/// <summary>CPU per step of a contribution change, sequentially (--probe): where the app's time goes.</summary>
public static class Probe
{
    public static async Task RunAsync(BenchApp app, BenchCall call, int n)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var service = app.Services.GetRequiredService<ContributionService>();
        async Task Measure(string what, Func<int, Task> step)
        {
            for (var i = 0; i < 20; i++)
            {
                await step(i);
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                await step(i);
            }

            Console.WriteLine($"  probe {what,-40} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n:0.000} ms  wall {wall.Elapsed.TotalMilliseconds / n:0.000} ms");
        }

        await Measure("idle 1 ms delay", _ => Task.Delay(1));
        await Measure("context create+dispose", async _ => { await using var db = await factory.CreateDbContextAsync(); });
        await Measure("context + SELECT 1", async _ => { await using var db = await factory.CreateDbContextAsync(); await db.Database.ExecuteSqlRawAsync("SELECT 1"); });
        await Measure("context + call projection", async _ =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Calls.AsNoTracking().Where(c => c.Id == call.Id).Select(c => new { c.Version, c.Phase, c.BudgetRules }).SingleOrDefaultAsync();
        });
        await Measure("ContributionService.SetAsync", i => service.SetAsync(call.Members[0].Actor, new SetContribution(call.Id, call.Commons[i % call.Commons.Count], call.Members[0].OrganisationId, i % 1000)));
    }
}
