using Bunit;
using CommonsCall.Web.Components.Pages.Calls;
using CommonsCall.Web.Components.Pages.Evaluation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Evaluation;

namespace CommonsCall.Web.Tests.Components;

/// <summary>Issue 16: the call's page and the home page show evaluators the way to the commons they score, and nobody else.</summary>
public sealed class MyEvaluationLinkTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public MyEvaluationLinkTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<CallPage> CallPageOf(EvaluationScenario s, Actor actor)
    {
        var page = Render<CallPage>(p => p.Add(c => c.Slug, s.Slug).AddCascadingValue(StateOf(actor)));
        page.WaitForElement("[data-testid=call-summary]");
        return page;
    }

    [Fact]
    public async Task An_evaluator_finds_their_evaluations_from_the_calls_page_and_others_do_not()
    {
        var s = await EvaluationScenario.CreateAsync(_app);
        await s.StaffAsync();

        var expert = CallPageOf(s, s.Expert);
        expert.WaitForAssertion(() => expert.Find("[data-testid=my-evaluations-nav]").GetAttribute("href").ShouldBe($"/calls/{s.Slug}/evaluation/mine"));
        expert.Find("[data-testid=my-evaluations-nav]").TextContent.ShouldBe("Mes évaluations dans cet appel");

        foreach (var someoneElse in new[] { s.RegisterHolder, s.Facilitator })
        {
            // What the link shows is what the service answers (the evaluator's case above); waiting for a second render to
            // see nothing appear was not reliable (that render could come before bunit counted renders).
            (await s.Queries.EvaluatesAsync(someoneElse, s.CallId)).ShouldBeFalse();
            var link = Render<MyEvaluationLink>(p => p.Add(c => c.CallId, s.CallId).Add(c => c.Slug, s.Slug).Add(c => c.Actor, someoneElse));
            link.FindAll("[data-testid=my-evaluations-nav]").ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task An_expert_lands_on_a_home_page_that_lists_the_call_they_evaluate_and_what_is_left_to_score()
    {
        var s = await EvaluationScenario.CreateAsync(_app);
        await s.StaffAsync();
        IRenderedComponent<MyEvaluationCalls> HomeSectionOf(Actor actor) => Render<MyEvaluationCalls>(p => p.Add(c => c.Actor, actor));

        var expert = HomeSectionOf(s.Expert);
        expert.WaitForAssertion(() => expert.Find("[data-testid=my-evaluation-call]").TextContent.ShouldContain("2 communs à évaluer"));
        expert.Find("[data-testid=my-evaluation-call] a").GetAttribute("href").ShouldBe($"/calls/{s.Slug}/evaluation/mine");

        (await s.ScoreAsync(s.Expert, s.Register, 3, 4, 3)).Error.ShouldBeNull();
        expert = HomeSectionOf(s.Expert);
        expert.WaitForAssertion(() => expert.Find("[data-testid=my-evaluation-call]").TextContent.ShouldContain("1 commun à évaluer"));

        (await s.Queries.MyCallsAsync(s.RegisterHolder)).ShouldBeEmpty();
        HomeSectionOf(s.RegisterHolder).FindAll("[data-testid=my-evaluation-calls]").ShouldBeEmpty();
    }
}
