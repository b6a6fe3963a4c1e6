/** AuctionType.JOIN_CLUSTER_4, as the contract's enum encodes it. */
export const JOIN_CLUSTER_4 = 1;
