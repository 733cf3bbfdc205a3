using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace CommonsCall.EndToEnd.Tests.Infrastructure;

/// <summary>
/// axe-core scans of the pages the journeys go through. A serious or critical violation fails the test with
/// every offending rule and element named; moderate and minor ones are left for people to judge.
/// </summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    /// <summary>
    /// Scans the page as it is once its animations ended (wait for what should be shown first) for WCAG 2.x A/AA rules and best
    /// practices, and fails on any serious or critical violation.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // A dialog that is still fading in (Radzen's rz-dialog-open-opacity) has washed-out colours: axe would
        // measure the contrast of a frame of the animation, not of what people read. Let finite animations end.
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");
        // Frames are not entered: the only one is the mailbox's preview of a mail, sandboxed without scripts, where
        // axe cannot run (it would wait for it forever).
        var result = await page.RunAxe(new AxeRunOptions
        {
            Iframes = false,
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact ?? string.Empty)).ToList();
        if (blocking.Count > 0)
        {
            throw new AccessibilityViolationsException(Describe(page.Url, blocking));
        }
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"Accessibility violations on {url}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    at {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine().Append($"       {check.Message}");
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>A page scanned by axe-core has serious or critical violations; the message names each rule and element.</summary>
public sealed class AccessibilityViolationsException(string message) : Exception(message);
