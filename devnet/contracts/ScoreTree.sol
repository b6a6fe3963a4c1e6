// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Scores in order, each with the ids that hold it: what Byzantine's auction keeps in its
/// order-statistics trees, with the same observable behaviour (the same revert strings, ids of one
/// score in insertion order until a removal moves the last id into the freed place).
/// @dev A sorted doubly linked list of distinct scores instead of a red-black tree: inserting walks
/// up from the lowest score, which is cheap for the devnet's few hundred bids.
library ScoreTree {
    struct Group {
        uint256 higher;
        uint256 lower;
        bytes32[] ids;
        mapping(bytes32 => uint256) indexOf;
    }

    struct Tree {
        uint256 highest;
        uint256 lowest;
        uint256 size;
        mapping(uint256 => Group) groups;
    }

    function count(Tree storage t) internal view returns (uint256) {
        return t.size;
    }

    /// The highest score, 0 when empty.
    function last(Tree storage t) internal view returns (uint256) {
        return t.highest;
    }

    /// The next lower score, 0 below the lowest.
    function prev(Tree storage t, uint256 score) internal view returns (uint256) {
        require(score != 0, "OrderStatisticsTree(402) - Starting value cannot be zero");
        return t.groups[score].lower;
    }

    function exists(Tree storage t, uint256 score) internal view returns (bool) {
        return score != 0 && t.groups[score].ids.length > 0;
    }

    /// How many ids hold `score`.
    function idCount(Tree storage t, uint256 score) internal view returns (uint256) {
        require(exists(t, score), "OrderStatisticsTree(403) - Value does not exist.");
        return t.groups[score].ids.length;
    }

    function idAt(Tree storage t, uint256 score, uint256 index) internal view returns (bytes32) {
        require(exists(t, score), "OrderStatisticsTree(404) - Value does not exist.");
        return t.groups[score].ids[index];
    }

    /// Whether `id` holds `score`. Reads the id's remembered index as is, so a stale index past the
    /// end panics exactly where the original's lookup does.
    function holds(Tree storage t, bytes32 id, uint256 score) internal view returns (bool) {
        if (!exists(t, score)) return false;
        Group storage g = t.groups[score];
        return g.ids[g.indexOf[id]] == id;
    }

    function insert(Tree storage t, bytes32 id, uint256 score) internal {
        require(score != 0, "OrderStatisticsTree(405) - Value to insert cannot be zero");
        require(!holds(t, id, score), "OrderStatisticsTree(406) - Value and Key pair exists. Cannot be inserted again.");
        Group storage g = t.groups[score];
        if (g.ids.length == 0) _link(t, score);
        g.indexOf[id] = g.ids.length;
        g.ids.push(id);
        t.size++;
    }

    function remove(Tree storage t, bytes32 id, uint256 score) internal {
        require(score != 0, "OrderStatisticsTree(407) - Value to delete cannot be zero");
        require(holds(t, id, score), "OrderStatisticsTree(408) - Value to delete does not exist.");
        Group storage g = t.groups[score];
        uint256 index = g.indexOf[id];
        bytes32 moved = g.ids[g.ids.length - 1];
        g.ids[index] = moved;
        g.indexOf[moved] = index;
        g.ids.pop();
        t.size--;
        if (g.ids.length == 0) _unlink(t, score);
    }

    function _link(Tree storage t, uint256 score) private {
        uint256 below = t.lowest;
        uint256 above;
        if (below != 0 && below > score) {
            above = below;
            below = 0;
        } else {
            while (below != 0 && t.groups[below].higher != 0 && t.groups[below].higher < score) below = t.groups[below].higher;
            above = below == 0 ? 0 : t.groups[below].higher;
        }
        _join(t, below, score);
        _join(t, score, above);
    }

    function _unlink(Tree storage t, uint256 score) private {
        Group storage g = t.groups[score];
        uint256 below = g.lower;
        uint256 above = g.higher;
        _join(t, below, above);
        g.lower = 0;
        g.higher = 0;
    }

    /// @dev Makes `above` the next group up from `below`; 0 on either side is the tree's end.
    function _join(Tree storage t, uint256 below, uint256 above) private {
        if (below == 0) t.lowest = above;
        else t.groups[below].higher = above;
        if (above == 0) t.highest = below;
        else t.groups[above].lower = below;
    }
}
