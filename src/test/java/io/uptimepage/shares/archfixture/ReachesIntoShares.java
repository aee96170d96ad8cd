package io.uptimepage.shares.archfixture;

import io.uptimepage.shares.share.Share;
import io.uptimepage.shares.share.ShareRepository;

/** A reach-in on purpose, for {@code PackageGraphTest} to prove its rule catches one. Test sources only. */
public class ReachesIntoShares {

    public Object reachIn(ShareRepository shares) {
        Share s = new Share();
        return shares.findLiveByTokenHashes(java.util.Set.of(s.tokenHash));
    }
}
