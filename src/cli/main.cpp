// arachne: the command line. `arachne crawl seeds/site.toml` runs a crawl; see `arachne --help`.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

#include "cli/crawl_command.h"
#include "cli/merge_command.h"
#include "cli/report_command.h"
#include "cli/robots_command.h"
#include "cli/status_command.h"
#include "worker/worker_main.h"

int main(int argc, char** argv) {
  // The coordinator starts this same program as its fetcher and parser processes.
  if (arachne::IsWorkerInvocation(argc, argv)) return arachne::RunWorker(argc, argv);

  CLI::App app{"Arachne: a concurrent web crawler and scraper"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "arachne 0.1.0");

  CLI::App* crawl = app.add_subcommand("crawl", "Crawl from a seed file (TOML, or a list of URLs one a line)");
  std::string seed_file;
  arachne::CrawlOverrides o;
  arachne::CrawlDisplay display;
  std::string log_level = "info", log_format = "text";
  crawl->add_option("seed_file", seed_file, "Seed file: .toml, or a plain list of URLs")->required();
  crawl->add_option("--fetchers", o.fetchers, "Fetcher processes, 0 = chosen from cores and load ([workers] fetchers)");
  crawl->add_option("--parsers", o.parsers, "Parser processes, 0 = chosen from cores and load ([workers] parsers)");
  crawl->add_option("--max-pages", o.max_pages, "Stop after this many records, 0 = no limit ([scope] max_pages)");
  crawl->add_option("--max-depth", o.max_depth, "Links to follow from a seed, -1 = no limit ([scope] max_depth)");
  crawl->add_option("--concurrency", o.concurrency, "Transfers in flight per fetcher ([fetch] concurrency)");
  crawl->add_option("--max-per-host", o.max_per_host, "Transfers in flight per host ([politeness] max_per_host)");
  crawl->add_option("--delay-ms", o.delay_ms, "Milliseconds between requests to one host ([politeness] delay_ms)");
  crawl->add_option("--user-agent", o.user_agent, "User-Agent header ([fetch] user_agent)");
  crawl->add_option("--out", o.out, "Output folder ([output] dir)");
  crawl->add_option("--name", o.name, "Name of the output files (name)");
  crawl->add_option("--formats", o.formats, "Output formats: jsonl, csv, json, warc, links ([output] formats)")
      ->delimiter(',');
  crawl->add_option("--job", o.job,
                    "Job folder: keep the crawl's state there; run again with it to resume (job)");
  crawl->add_option("--redis", o.redis,
                    "Share the crawl with other nodes through this Redis: redis://[[user]:password@]host[:port][/db] "
                    "([cluster] redis; the password may be in ARACHNE_REDIS_PASSWORD)");
  crawl->add_option("--node", o.node, "This node's name in the cluster, unique among its nodes ([cluster] node)");
  crawl->add_flag("-q,--quiet", display.quiet, "No progress line and no summary");
  crawl->add_option("--log-level", log_level, "Log lines to show: error, warning, info (default) or debug")
      ->check(CLI::IsMember({"error", "warning", "warn", "info", "debug"}));
  crawl->add_option("--log-format", log_format, "Log lines as text (default) or json, one object a line")
      ->check(CLI::IsMember({"text", "json"}));
  crawl->add_option("--metrics", display.metrics,
                    "Serve Prometheus metrics at http://HOST:PORT/metrics while crawling (e.g. 127.0.0.1:9100)");

  CLI::App* status = app.add_subcommand("status", "Show a job folder's progress without running the crawl");
  std::string job_dir;
  status->add_option("job_dir", job_dir, "Job folder (crawl --job)")->required();

  CLI::App* report = app.add_subcommand("report", "Draw a crawl's <name>.stats.json as one self-contained HTML page");
  arachne::ReportRequest report_request;
  report->add_option("stats_json", report_request.stats_path, "The crawl's stats file (output/<name>.stats.json)")
      ->required();
  report->add_option("--out", report_request.out_path, "The page to write (default: <name>.report.html beside it)");
  report->add_option("--scaling", report_request.scaling_csv,
                     "A bench/ scaling result (bench/results/scaling.csv): adds the parser speedup chart");

  CLI::App* robots = app.add_subcommand("robots", "Check URLs against a robots.txt (RFC 9309) without crawling");
  arachne::RobotsCheck check;
  auto* file = robots->add_option("--file", check.file, "A robots.txt on disk");
  auto* url = robots->add_option("--url", check.url, "A robots.txt to fetch (https://host/robots.txt)");
  file->excludes(url);
  robots->add_option("--agent", check.agent, "The crawler's name, as its robots.txt groups say it (default: Arachne)");
  robots->add_option("urls", check.urls, "URLs (or paths) to check")->required();

  CLI::App* merge = app.add_subcommand(
      "merge", "Combine the output files of several cluster nodes into one, keeping the first record of each URL");
  arachne::MergeRequest merge_request;
  merge->add_option("-o,--out", merge_request.out_path, "The file to write: .jsonl, .json, .csv or .warc.gz")
      ->required();
  merge->add_option("inputs", merge_request.inputs,
                    "The nodes' files, all of the output's format (a .warc.gz keeps every record: no dedup)")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with status 0; every real usage error is status 2, as documented.
    return app.exit(e) == 0 ? 0 : 2;
  }

  std::error_code ec;
  std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (crawl->parsed()) {
    display.log_level = arachne::ParseLogLevel(log_level).value_or(arachne::LogLevel::kInfo);
    display.log_format = log_format == "json" ? arachne::LogFormat::kJson : arachne::LogFormat::kText;
    return arachne::RunCrawlCommand(seed_file, o, display, self);
  }
  if (robots->parsed()) return arachne::RunRobotsCommand(check);
  if (status->parsed()) return arachne::RunStatusCommand(job_dir);
  if (report->parsed()) return arachne::RunReportCommand(report_request);
  if (merge->parsed()) return arachne::RunMergeCommand(merge_request);
  return 2;
}
