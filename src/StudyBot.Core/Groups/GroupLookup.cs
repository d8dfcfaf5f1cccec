using StudyBot.Chat;

namespace StudyBot.Groups;

/// <summary>Finds the study group behind an interaction, or says how to set one up.</summary>
public sealed class GroupLookup(IGroupStore groups)
{
    public const string NotSetUp =
        "This server has no study group set up yet, so there is no daily question here. An admin can set one up with `/setup channel`.";

    public async Task<(StudyGroup? Group, ChatMessage? Hint)> FindAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var group = await groups.FindAsync(context.GroupId, cancellationToken);
        return group is null ? (null, ChatMessage.Private(NotSetUp)) : (group, null);
    }
}
