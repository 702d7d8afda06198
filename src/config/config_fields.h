// VisitConfigFields: the one list of a Config's fields with their seed-file table, key and rule.
//
// The TOML loader visits it to read and check each key, to know which keys exist (anything else is an
// unknown key) and Config::Validate visits it to check a Config built in code; so a key is added in one
// place. `C` is Config or const Config. The visitor provides, for each kind of field:
//   Text(table, key, field, StringRule)            a string
//   List(table, key, field, StringRule)            a list of strings, the rule applied to each
//   Integer(table, key, field, IntegerRange)       an int or std::uint64_t
//   Seconds(table, key, field)                     a double, in seconds
//   Number(table, key, field)                      a double greater than zero
//   Flag(table, key, field)                        a bool
//   Rules(key, field)                              the [[extract]] rules, a top-level array of tables
#pragma once

#include <climits>
#include <cstdint>
#include <string_view>

#include "arachne/config.h"
#include "config/config_rules.h"

namespace arachne {

// Top-level keys that are not Config fields: the loader handles them itself.
inline constexpr std::string_view kSeedsFileKey = "seeds_file";

template <typename Visitor, typename C>
void VisitConfigFields(Visitor& v, C& c) {
  constexpr std::int64_t kNoMax = INT64_MAX;
  // Process counts beyond this are a typo, not a machine: each is a forked process.
  constexpr IntegerRange kProcesses{0, 1024};

  v.Text("", "name", c.name, CheckName);
  v.List("", "seeds", c.seeds, CheckSeedUrl);
  v.List("", "sitemaps", c.sitemaps, CheckSeedUrl);
  v.Text("", "job", c.job, CheckJobDir);

  v.List("scope", "allowed_domains", c.scope.allowed_domains, CheckDomain);
  v.List("scope", "allow", c.scope.allow, CheckPattern);
  v.List("scope", "deny", c.scope.deny, CheckPattern);
  v.Integer("scope", "max_depth", c.scope.max_depth, IntegerRange{-1, INT_MAX});
  v.Integer("scope", "max_pages", c.scope.max_pages, IntegerRange{0, kNoMax});
  v.Integer("scope", "max_pages_per_host", c.scope.max_pages_per_host, IntegerRange{0, kNoMax});
  v.Integer("scope", "max_url_length", c.scope.max_url_length, IntegerRange{0, INT_MAX});
  v.Integer("scope", "max_path_depth", c.scope.max_path_depth, IntegerRange{0, INT_MAX});
  v.Integer("scope", "max_repeated_segments", c.scope.max_repeated_segments, IntegerRange{0, INT_MAX});
  v.Integer("scope", "max_query_params", c.scope.max_query_params, IntegerRange{0, INT_MAX});

  v.List("urls", "drop_query_params", c.urls.drop_query_params, CheckPattern);
  v.Flag("urls", "sort_query_params", c.urls.sort_query_params);

  v.Text("fetch", "user_agent", c.fetch.user_agent, CheckUserAgent);
  v.Seconds("fetch", "timeout_s", c.fetch.timeout_s);
  v.Seconds("fetch", "connect_timeout_s", c.fetch.connect_timeout_s);
  v.Integer("fetch", "max_body_bytes", c.fetch.max_body_bytes, IntegerRange{1, kNoMax});
  v.Integer("fetch", "concurrency", c.fetch.concurrency, IntegerRange{1, 100000});
  v.Text("fetch", "ca_file", c.fetch.ca_file, CheckOptionalFile);
  v.Integer("fetch", "max_redirects", c.fetch.max_redirects, IntegerRange{0, 100});
  v.Flag("fetch", "download_other", c.fetch.download_other);
  v.Flag("fetch", "allow_private", c.fetch.allow_private);

  v.Flag("robots", "obey", c.robots.obey);
  v.Seconds("robots", "cache_s", c.robots.cache_s);
  v.Seconds("robots", "max_crawl_delay_s", c.robots.max_crawl_delay_s);
  v.Flag("robots", "follow_sitemaps", c.robots.follow_sitemaps);
  v.Flag("robots", "obey_meta", c.robots.obey_meta);
  v.Flag("robots", "follow_nofollow", c.robots.follow_nofollow);

  v.Integer("politeness", "max_per_host", c.politeness.max_per_host, IntegerRange{1, INT_MAX});
  v.Integer("politeness", "delay_ms", c.politeness.delay_ms, IntegerRange{0, INT_MAX});
  v.Flag("politeness", "per_ip", c.politeness.per_ip);
  v.Flag("politeness", "adaptive", c.politeness.adaptive);
  v.Number("politeness", "target_concurrency", c.politeness.target_concurrency);
  v.Seconds("politeness", "max_delay_s", c.politeness.max_delay_s);

  v.Integer("retry", "max_retries", c.retry.max_retries, IntegerRange{0, 100});
  v.Seconds("retry", "backoff_s", c.retry.backoff_s);

  v.Integer("workers", "fetchers", c.workers.fetchers, kProcesses);
  v.Integer("workers", "parsers", c.workers.parsers, kProcesses);
  v.Seconds("workers", "parse_timeout_s", c.workers.parse_timeout_s);
  v.Seconds("workers", "heartbeat_timeout_s", c.workers.heartbeat_timeout_s);
  v.Flag("workers", "sandbox", c.workers.sandbox);
  v.Text("workers", "html_parser", c.workers.html_parser, CheckHtmlParser);

  v.Integer("frontier", "max_in_memory", c.frontier.max_in_memory, IntegerRange{1, kNoMax});

  v.Text("output", "dir", c.output.dir, CheckOutputDir);
  v.List("output", "formats", c.output.formats, CheckFormat);

  v.Text("cluster", "redis", c.cluster.redis, CheckRedisUrl);
  v.Text("cluster", "node", c.cluster.node, CheckNodeName);
  v.Seconds("cluster", "lease_s", c.cluster.lease_s);

  v.Rules("extract", c.extract);
}

}  // namespace arachne
