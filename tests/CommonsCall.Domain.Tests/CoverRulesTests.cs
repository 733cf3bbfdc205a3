using CommonsCall.Domain.Commons;

namespace CommonsCall.Domain.Tests;

/// <summary>A commons' cover image (issue 14, item 7): the limits in their order, the stored size, and the links of a description.</summary>
public class CoverRulesTests
{
    [Fact] public void An_upload_up_to_five_megabytes_is_accepted() => CoverRules.CheckUpload(CoverRules.MaxUploadBytes).ShouldSucceed();
    [Fact] public void One_byte_more_is_too_large() => CoverRules.CheckUpload(CoverRules.MaxUploadBytes + 1).ShouldBeRefusedWith("cover_too_large");
    [Fact] public void An_empty_upload_is_unreadable() => CoverRules.CheckUpload(0).ShouldBeRefusedWith("cover_unreadable");
    [Fact] public void A_picture_of_forty_million_pixels_is_accepted() => CoverRules.CheckSource(8_000, 5_000).ShouldSucceed();
    [Fact] public void A_canvas_above_the_pixel_budget_is_too_large() => CoverRules.CheckSource(8_000, 5_001).ShouldBeRefusedWith("cover_too_large");
    [Fact] public void A_side_above_ten_thousand_pixels_is_too_large() => CoverRules.CheckSource(10_001, 10).ShouldBeRefusedWith("cover_too_large");
    [Fact] public void A_picture_without_pixels_is_unreadable() => CoverRules.CheckSource(0, 10).ShouldBeRefusedWith("cover_unreadable");
    [Fact] public void A_wide_picture_is_fitted_to_the_stored_width() => CoverRules.StoredSize(4_000, 2_000).ShouldBe((1_600, 800));
    [Fact] public void A_tall_picture_is_fitted_to_the_stored_height() => CoverRules.StoredSize(1_000, 3_000).ShouldBe((300, 900));
    [Fact] public void A_small_picture_is_never_enlarged() => CoverRules.StoredSize(640, 360).ShouldBe((640, 360));
    [Fact] public void A_sliver_keeps_at_least_one_pixel() => CoverRules.StoredSize(10_000, 2).ShouldBe((1_600, 1));

    [Theory]
    [InlineData("https://forge.example/communs/registre", true)]
    [InlineData("http://docs.example", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("forge.example/communs", false)]
    [InlineData(null, false)]
    public void Only_web_addresses_are_links(string? url, bool link) => CommonsDescription.IsWebAddress(url).ShouldBe(link);
}
