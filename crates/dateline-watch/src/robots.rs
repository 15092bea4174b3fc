//! robots.txt as RFC 9309 reads it: the groups whose `User-agent` matches our product token
//! (else the `*` groups) give `Allow` and `Disallow` rules with `*` and `$`; the longest matching
//! rule decides, `Allow` winning a tie; no matching rule allows. `Crawl-delay`, which the RFC
//! leaves out but many sites write, is kept for the politeness clock.

use std::time::Duration;

/// Longest `Crawl-delay` read, so a silly value cannot overflow a [`Duration`].
const MAX_DELAY_SECS: f64 = 86_400.0;

/// The rules of one host's robots.txt that apply to one user agent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

#[derive(Debug, Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

impl Robots {
    /// No rules: everything allowed (no robots.txt, or one answered with 4xx).
    #[must_use]
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Reads robots.txt `text` for the product token `token` (lowercase, as
    /// [`crate::WatchConfig::robots_token`] gives it).
    #[must_use]
    pub fn parse(text: &str, token: &str) -> Robots {
        let groups = groups(text);
        let matches_us = |g: &&Group| g.agents.iter().any(|a| agent_matches(a, token));
        let mut chosen: Vec<&Group> = groups.iter().filter(matches_us).collect();
        if chosen.is_empty() {
            chosen = groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect();
        }
        Robots {
            rules: chosen
                .iter()
                .flat_map(|g| g.rules.iter().cloned())
                .collect(),
            crawl_delay: chosen.iter().filter_map(|g| g.crawl_delay).max(),
        }
    }

    /// Whether `path` (the URL's path with its `?query`, percent-encoded) may be fetched.
    #[must_use]
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in self
            .rules
            .iter()
            .filter(|r| pattern_matches(&r.pattern, path))
        {
            let len = rule.pattern.len();
            let keep = best.is_some_and(|(l, allow)| l > len || (l == len && allow));
            if !keep {
                best = Some((len, rule.allow));
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The `Crawl-delay` of the applying groups, if they give one.
    #[must_use]
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

/// The groups of a robots.txt: a run of `User-agent` lines and the rules after it.
fn groups(text: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut in_agents = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" => {
                if !in_agents {
                    groups.push(Group::default());
                }
                in_agents = true;
                if let Some(group) = groups.last_mut() {
                    group.agents.push(value.to_ascii_lowercase());
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                // `Disallow:` with no path disallows nothing.
                if let (Some(group), false) = (groups.last_mut(), value.is_empty()) {
                    group.rules.push(Rule {
                        allow: key == "allow",
                        pattern: value.to_owned(),
                    });
                }
            }
            "crawl-delay" => {
                in_agents = false;
                let secs = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0);
                if let (Some(group), Some(secs)) = (groups.last_mut(), secs) {
                    group.crawl_delay = Some(Duration::from_secs_f64(secs.min(MAX_DELAY_SECS)));
                }
            }
            _ => {}
        }
    }
    groups
}

/// A group's agent matches our product token case-insensitively, with or without a version.
fn agent_matches(agent: &str, token: &str) -> bool {
    !token.is_empty() && agent != "*" && agent.split('/').next() == Some(token)
}

/// Whether a rule's pattern matches `path`: a prefix match, where `*` stands for any run of
/// characters and a final `$` anchors the end.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return !anchored || rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    if anchored {
        rest.ends_with(last)
    } else {
        rest.contains(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
# comment
User-agent: *
Disallow: /

User-agent: Dateline-Watch/1.0
User-agent: otherbot
Allow: /news/
Disallow: /news/private
Allow: /news/private/open$
Disallow: /*.pdf$
Disallow: /search*q=
Crawl-delay: 2.5
";

    #[test]
    fn the_group_naming_us_wins_over_the_star_group() {
        let ours = Robots::parse(TEXT, "dateline-watch");
        assert!(ours.allows("/news/a.html"));
        assert!(ours.allows("/elsewhere"));
        assert_eq!(ours.crawl_delay(), Some(Duration::from_millis(2500)));
        let other = Robots::parse(TEXT, "somebot");
        assert!(!other.allows("/news/a.html"));
        assert!(other.allows("/robots.txt"));
        assert_eq!(other.crawl_delay(), None);
    }

    #[test]
    fn the_longest_rule_decides_and_allow_wins_a_tie() {
        let r = Robots::parse(TEXT, "dateline-watch");
        assert!(!r.allows("/news/private/x"));
        assert!(r.allows("/news/private/open"));
        assert!(!r.allows("/news/private/open/more"));
        let tie = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x");
        assert!(tie.allows("/a/b"));
    }

    #[test]
    fn wildcards_and_end_anchors() {
        let r = Robots::parse(TEXT, "dateline-watch");
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf.html"));
        assert!(!r.allows("/search?lang=en&q=talks"));
        assert!(r.allows("/search?lang=en"));
        assert!(pattern_matches("/a*b*c", "/a-x-b-y-c-z"));
        assert!(!pattern_matches("/a*c$", "/abcd"));
        assert!(pattern_matches("/a*$", "/abc"));
        assert!(pattern_matches("/exact$", "/exact"));
        assert!(!pattern_matches("/exact$", "/exactly"));
    }

    #[test]
    fn empty_disallow_and_missing_files_allow_everything() {
        let r = Robots::parse("User-agent: *\nDisallow:\n", "dateline-watch");
        assert!(r.allows("/anything"));
        assert!(Robots::allow_all().allows("/anything"));
        assert!(Robots::parse("garbage without colons\n\u{0}\n", "x").allows("/"));
        let huge = Robots::parse("User-agent: *\nCrawl-delay: 1e300\n", "x");
        assert_eq!(huge.crawl_delay(), Some(Duration::from_secs(86_400)));
    }
}
