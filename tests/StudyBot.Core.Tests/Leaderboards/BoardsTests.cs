using StudyBot.Leaderboards;

namespace StudyBot.Core.Tests.Leaderboards;

public sealed class BoardsTests
{
    [Fact]
    public void Rank_Ties_SharePlaceAndNextPlaceSkips()
    {
        var rows = new[]
        {
            new BoardRow("a", "Ana", 5, 5, 5),
            new BoardRow("b", "Ben", 3, 4, 3),
            new BoardRow("c", "Cy", 3, 5, 3),
            new BoardRow("d", "Di", 1, 4, 1),
        };

        var ranked = Boards.Rank(rows);

        Assert.Equal([1, 2, 2, 4], ranked.Select(e => e.Place));
        Assert.Equal(["Ana", "Ben", "Cy", "Di"], ranked.Select(e => e.DisplayName));
    }

    [Fact]
    public void Rank_AllTied_AllFirst() =>
        Assert.All(Boards.Rank([new("a", "A", 0, 1, 0), new("b", "B", 0, 1, 0)]), e => Assert.Equal(1, e.Place));
}
