namespace CommonsCall.Web.Tests.Mail;

public static class MailAssertions
{
    /// <summary>Exactly one of each expected message arrived: counted by Message-Id and by subject and recipient.</summary>
    public static void ShouldBeEachExactlyOnce(this IReadOnlyList<ReceivedMail> received, string domain, int expected)
    {
        var ours = received.Where(m => m.To.Any(t => t.EndsWith("@" + domain, StringComparison.Ordinal))).ToList();
        var byMessageId = ours.GroupBy(m => m.MessageId).ToList();
        var bySubjectAndRecipient = ours.GroupBy(m => (m.Subject, To: string.Join(",", m.To))).ToList();
        byMessageId.Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("sent twice (same Message-Id)");
        bySubjectAndRecipient.Where(g => g.Count() > 1).Select(g => g.Key.Subject).ShouldBeEmpty("sent twice (same subject and recipient)");
        byMessageId.Count.ShouldBe(expected);
        bySubjectAndRecipient.Count.ShouldBe(expected);
        ours.Count.ShouldBe(expected);
    }
}
