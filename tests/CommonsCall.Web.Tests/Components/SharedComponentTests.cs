using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Components.Shared;

namespace CommonsCall.Web.Tests.Components;

public sealed class SharedComponentTests : ComponentTestContext
{
    [Fact]
    public void The_phase_stepper_marks_past_phases_done_and_the_current_one_as_the_step()
    {
        var cut = Render<PhaseStepper>(p => p.Add(c => c.Current, CallPhase.Challenges));

        var steps = cut.FindAll("li");
        steps.Count.ShouldBe(7);
        steps[0].ClassList.ShouldContain("done");
        steps[1].ClassList.ShouldContain("done");
        steps[2].GetAttribute("aria-current").ShouldBe("step");
        steps[2].TextContent.ShouldBe("Micro-défis");
        steps[3].ClassList.ShouldBeEmpty();
    }

    [Fact]
    public void A_refusal_is_shown_in_words_with_its_stable_code()
    {
        var cut = Render<FormErrors>(p => p.Add(c => c.Error, new DomainError(ErrorCodes.InsufficientBalance, "technical detail")));

        var alert = cut.Find("[role=alert]");
        alert.GetAttribute("data-code").ShouldBe("insufficient_balance");
        alert.TextContent.ShouldBe("Votre budget restant ne suffit pas pour cette contribution.");
    }

    [Fact]
    public void A_field_error_is_linked_to_its_input_by_id()
    {
        var error = new DomainError(ErrorCodes.Validation, "x", new Dictionary<string, string[]> { ["Email"] = ["'Email' is not a valid email address."] });

        var cut = Render<FieldError>(p => p.Add(c => c.Error, error).Add(c => c.Field, "Email").Add(c => c.Id, "email-error"));

        cut.MarkupMatches("""<span class="field-error" id="email-error" role="alert">'Email' is not a valid email address.</span>""");
    }

    [Fact]
    public void Markdown_is_rendered_without_letting_raw_html_or_scripts_through()
    {
        var cut = Render<Markdown>(p => p.Add(c => c.Text, "**gras** <script>alert(1)</script> <img src=x onerror=alert(1)>"));

        cut.Find("strong").TextContent.ShouldBe("gras");
        cut.FindAll("script").ShouldBeEmpty();
        cut.FindAll("img").ShouldBeEmpty();
        cut.Markup.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public void A_file_input_can_be_used_only_once_the_browser_listens_to_it_and_while_its_page_allows()
    {
        var setup = JSInterop.SetupVoid("Blazor._internal.InputFile.init", _ => true);
        var cut = Render<FileInput>(p => p.AddUnmatched("id", "import-file"));

        cut.Find("#import-file").HasAttribute("disabled").ShouldBeTrue("a file chosen before the listener is set up would be dropped");

        cut.InvokeAsync(setup.SetVoidResult);
        cut.WaitForAssertion(() => cut.Find("#import-file").HasAttribute("disabled").ShouldBeFalse());

        cut.Render(p => p.Add(c => c.Disabled, true));
        cut.Find("#import-file").HasAttribute("disabled").ShouldBeTrue();
        cut.Render(p => p.Add(c => c.Disabled, false));
        cut.Find("#import-file").HasAttribute("disabled").ShouldBeFalse();
    }
}
