#include "coordinator/crawl_breakdown.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "url/url.h"

namespace arachne {

namespace {

constexpr double kBucketGrowth = 1.05;

std::size_t BucketOf(double ms) {
  if (!(ms >= 1)) return 0;  // NaN too
  return 1 + static_cast<std::size_t>(std::floor(std::log(ms) / std::log(kBucketGrowth)));
}

double BucketUpperMs(std::size_t bucket) { return std::pow(kBucketGrowth, static_cast<double>(bucket)); }

// "text/html; charset=utf-8" -> "text/html".
std::string MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string OriginOf(const std::string& url) {
  Result<Url> parsed = Url::Parse(url);
  return parsed.ok() ? parsed->origin() : url;
}

}  // namespace

void CrawlBreakdown::Count(const Record& record, double elapsed_s, std::uint64_t pages) {
  ++by_content_type_[MediaType(record.content_type)];
  ++by_depth_[record.depth];
  HostCounts& host = by_host_[OriginOf(record.url)];
  ++host.pages;
  host.bytes += record.bytes;
  if (!record.error.empty()) ++host.errors;

  if (record.status > 0 && std::isfinite(record.fetch_ms) && record.fetch_ms >= 0) {
    const std::size_t bucket = BucketOf(record.fetch_ms);
    if (bucket >= fetch_buckets_.size()) fetch_buckets_.resize(bucket + 1);
    ++fetch_buckets_[bucket];
    ++fetches_;
    fetch_ms_sum_ += record.fetch_ms;
    fetch_ms_max_ = std::max(fetch_ms_max_, record.fetch_ms);
    if (slowest_.size() < kSlowest || record.fetch_ms > slowest_.back().fetch_ms) {
      Slow slow{record.fetch_ms, record.url, record.status};
      slowest_.insert(std::upper_bound(slowest_.begin(), slowest_.end(), slow,
                                       [](const Slow& a, const Slow& b) { return a.fetch_ms > b.fetch_ms; }),
                      std::move(slow));
      if (slowest_.size() > kSlowest) slowest_.pop_back();
    }
  }

  const auto second = static_cast<std::uint64_t>(std::max(0.0, std::ceil(elapsed_s)));
  const std::uint64_t slot = (second + throughput_step_ - 1) / throughput_step_ * throughput_step_;
  if (!throughput_.empty() && throughput_.back().first == slot) {
    throughput_.back().second = pages;
    return;
  }
  throughput_.emplace_back(slot, pages);
  if (throughput_.size() <= kMaxThroughputPoints) return;
  // Twice as coarse: keep the points on the new step.
  throughput_step_ *= 2;
  std::erase_if(throughput_, [&](const auto& point) { return point.first % throughput_step_ != 0; });
}

double CrawlBreakdown::FetchMsQuantile(double q) const {
  if (fetches_ == 0) return 0;
  const auto rank = static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(fetches_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < fetch_buckets_.size(); ++i) {
    seen += fetch_buckets_[i];
    if (seen >= std::max<std::uint64_t>(rank, 1)) return std::min(BucketUpperMs(i), fetch_ms_max_);
  }
  return fetch_ms_max_;
}

void CrawlBreakdown::AddTo(nlohmann::json& root) const {
  using nlohmann::json;
  json& types = root["by_content_type"] = json::object();
  for (const auto& [type, n] : by_content_type_) types[type] = n;
  json& depths = root["by_depth"] = json::object();
  for (const auto& [depth, n] : by_depth_) depths[std::to_string(depth)] = n;

  std::vector<std::pair<std::string, HostCounts>> hosts(by_host_.begin(), by_host_.end());
  std::stable_sort(hosts.begin(), hosts.end(), [](const auto& a, const auto& b) { return a.second.pages > b.second.pages; });
  if (hosts.size() > kTopHosts) hosts.resize(kTopHosts);
  json& top = root["by_host"] = json::array();
  for (const auto& [host, counts] : hosts) {
    top.push_back({{"host", host}, {"pages", counts.pages}, {"errors", counts.errors}, {"bytes", counts.bytes}});
  }

  const double mean = fetches_ > 0 ? fetch_ms_sum_ / static_cast<double>(fetches_) : 0;
  root["timings"]["fetch_ms"] = {{"count", fetches_},
                                 {"mean", mean},
                                 {"p50", FetchMsQuantile(0.5)},
                                 {"p90", FetchMsQuantile(0.9)},
                                 {"p99", FetchMsQuantile(0.99)},
                                 {"max", fetch_ms_max_}};

  json& throughput = root["throughput"] = json::array();
  throughput.push_back({{"t", 0}, {"pages", 0}});
  for (const auto& [t, pages] : throughput_) {
    if (t > 0) throughput.push_back({{"t", t}, {"pages", pages}});
  }
  json& slowest = root["slowest"] = json::array();
  for (const Slow& slow : slowest_) {
    slowest.push_back({{"url", slow.url}, {"fetch_ms", slow.fetch_ms}, {"status", slow.status}});
  }
}

}  // namespace arachne
