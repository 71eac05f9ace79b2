/// A page of a keyset-paged read (the journal, the deleted jobs): its items and where the next page
/// starts, nil when this page is the last.
public struct CursorPage<Item: Sendable & Equatable, Position: Sendable & Equatable>: Sendable, Equatable {
    public var items: [Item]
    /// The position after the last item, when more items follow.
    public var next: Position?

    public init(items: [Item], next: Position?) {
        self.items = items
        self.next = next
    }

    /// The first `limit` of `rows` read with a limit of `limit + 1`: the extra row only tells whether a
    /// next page exists, and the next page starts after the last item kept.
    public init(rows: [Item], limit: Int, position: (Item) -> Position) {
        if rows.count > limit {
            items = Array(rows.prefix(limit))
            next = items.last.map(position)
        } else {
            items = rows
            next = nil
        }
    }
}

/// Page sizes of the cursor-paged reads.
public enum CursorPageLimits {
    public static let limit = 1...100
    public static let defaultLimit = 20
}
