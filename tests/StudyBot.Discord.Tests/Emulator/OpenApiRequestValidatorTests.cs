using System.Text.Json;

namespace StudyBot.Discord.Tests.Emulator;

public sealed class OpenApiRequestValidatorTests
{
    private static IReadOnlyList<string> Validate(string method, string path, string json)
    {
        using var document = JsonDocument.Parse(json);
        return OpenApiRequestValidator.Instance.Validate(method, path, document.RootElement);
    }

    [Fact]
    public void Validate_ValidMessage_HasNoProblems() =>
        Assert.Empty(Validate("POST", "/channels/1/messages", """{"embeds":[{"title":"t","description":"d"}],"allowed_mentions":{"parse":[]}}"""));

    [Fact]
    public void Validate_TitleOverLimit_IsReported() =>
        Assert.Contains(Validate("POST", "/channels/1/messages", $$"""{"embeds":[{"title":"{{new string('x', 257)}}"}]}"""), e => e.Contains("maxLength 256", StringComparison.Ordinal));

    [Fact]
    public void Validate_SixButtonsInARow_IsReported() =>
        Assert.NotEmpty(Validate("POST", "/channels/1/messages", """{"components":[{"type":1,"components":[{"type":2,"style":1,"custom_id":"a","label":"a"},{"type":2,"style":1,"custom_id":"b","label":"b"},{"type":2,"style":1,"custom_id":"c","label":"c"},{"type":2,"style":1,"custom_id":"d","label":"d"},{"type":2,"style":1,"custom_id":"e","label":"e"},{"type":2,"style":1,"custom_id":"f","label":"f"}]}]}"""));

    [Fact]
    public void Validate_UnknownCallbackType_IsReported() =>
        Assert.NotEmpty(Validate("POST", "/interactions/1/tok/callback", """{"type":3}"""));

    [Fact]
    public void Validate_CommandMissingName_IsReported() =>
        Assert.Contains(Validate("PUT", "/applications/1/commands", """[{"description":"x"}]"""), e => e.Contains("missing required 'name'", StringComparison.Ordinal));

    [Fact]
    public void Validate_OriginalEdit_MatchesTheLiteralRoute() =>
        Assert.Empty(Validate("PATCH", "/webhooks/1/tok/messages/@original", """{"content":"x"}"""));
}
