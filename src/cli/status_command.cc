#include "cli/status_command.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "common/human_units.h"

namespace arachne {

namespace {

std::string FormatWallClock(double seconds_since_epoch) {
  const auto t = static_cast<std::time_t>(seconds_since_epoch);
  std::tm utc{};
  char text[32];
  if (::gmtime_r(&t, &utc) == nullptr ||
      std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc) == 0) {
    return "?";
  }
  return text;
}

std::string DescribeState(const std::string& state) {
  if (state == "running") return "running, or killed while running (run the crawl again to resume it)";
  if (state == "stopped") return "stopped (run the crawl again to resume it)";
  return state;
}

}  // namespace

std::string FormatJobProgress(const std::string& dir, const JobProgress& p, std::size_t max_hosts) {
  std::string out = "Job " + dir + ": " + DescribeState(p.state) + "\n";
  out += "  Saved       " + FormatWallClock(p.saved_at) + "\n";
  out += "  Done        " + FormatCount(p.done) + " records (" + FormatCount(p.failed) + " failed)\n";
  out += "  Queued      " + FormatCount(p.queued) + " URLs\n";
  out += "  Discovered  " + FormatCount(p.discovered) + " URLs\n";
  std::vector<std::pair<std::string, JobProgress::Host>> hosts(p.hosts.begin(), p.hosts.end());
  std::stable_sort(hosts.begin(), hosts.end(), [](const auto& a, const auto& b) {
    return a.second.done + a.second.queued > b.second.done + b.second.queued;
  });
  if (!hosts.empty()) out += "  Hosts\n";
  std::size_t width = 0;
  for (std::size_t i = 0; i < hosts.size() && i < max_hosts; ++i)
    width = std::max(width, hosts[i].first.size());
  for (std::size_t i = 0; i < hosts.size() && i < max_hosts; ++i) {
    const auto& [host, h] = hosts[i];
    out += "    " + host + std::string(width - host.size() + 2, ' ') + "done " + FormatCount(h.done) +
           ", failed " + FormatCount(h.failed) + ", queued " + FormatCount(h.queued) + "\n";
  }
  if (hosts.size() > max_hosts)
    out += "    ... and " + FormatCount(hosts.size() - max_hosts) + " more hosts\n";
  if (!p.outputs.empty()) out += "  Outputs\n";
  for (const auto& [path, length] : p.outputs) out += "    " + path + "  " + FormatBytes(length) + "\n";
  return out;
}

int RunStatusCommand(const std::string& dir) {
  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir);
  if (!progress.ok()) {
    std::fprintf(stderr, "arachne: %s\n", progress.status().message().c_str());
    return progress.status().code() == Status::Code::kNotFound ? 2 : 1;
  }
  std::fputs(FormatJobProgress(dir, *progress).c_str(), stdout);
  return 0;
}

}  // namespace arachne
