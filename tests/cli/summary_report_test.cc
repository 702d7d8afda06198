#include "cli/summary_report.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

Summary Sample() {
  Summary s;
  s.pages = 12345;
  s.by_status = {{0, 45}, {200, 12000}, {404, 300}};
  s.errors_by_kind = {{"timeout", 30}, {"dns", 15}};
  s.bytes = 1'234'000'000;
  s.elapsed_s = 83;
  s.pages_per_s = 148.73;
  s.discovered = 20000;
  s.left_in_queue = 7000;
  s.out_of_scope = 3456;
  s.worker_restarts = 2;
  s.worker_hangs = 1;
  s.robots_disallowed = 17;
  s.nofollow = 4;
  s.limited = {{"repeated_segments", 9}, {"url_length", 1}};
  s.from_sitemaps = 250;
  s.retries = 6;
  s.quarantined = 1;
  s.fetchers = 1;
  s.parsers = 2;
  s.coordinator_cpu_s = 1.25;
  s.fetchers_cpu_s = 2.5;
  s.parsers_cpu_s = 71;
  return s;
}

TEST(FormatSummary, ReportsEverything) {
  EXPECT_EQ(FormatSummary(Sample()),
            "Crawl finished in 1:23.\n"
            "  Pages                12,345  (148.7 pages/s)\n"
            "    no response            45\n"
            "    200                12,000\n"
            "    404                   300\n"
            "  Errors                   45\n"
            "    dns                    15\n"
            "    timeout                30\n"
            "  Received             1.2 GB\n"
            "  Discovered           20,000  URLs\n"
            "  Left in queue         7,000  URLs\n"
            "  Out of scope          3,456  links\n"
            "  Robots.txt said no       17  URLs\n"
            "  Nofollow                  4  links\n"
            "  Over a cap               10  URLs\n"
            "    repeated_segments       9\n"
            "    url_length              1\n"
            "  From sitemaps           250  URLs\n"
            "  Retries                   6\n"
            "  Worker restarts           2\n"
            "    hung                    1\n"
            "  Quarantined               1  URLs\n"
            "  Workers                   3  1 fetcher, 2 parsers\n"
            "  CPU                    1:14  coordinator 1.2 s, fetchers 2.5 s, parsers 1:11\n");
}

TEST(FormatSummary, SaysWhenTheCrawlWasStopped) {
  Summary s = Sample();
  s.stopped = true;
  const std::string text = FormatSummary(s);
  EXPECT_EQ(text.rfind("Crawl stopped after 1:23", 0), 0u) << text;
  EXPECT_EQ(FormatSummary(Sample()).find("stopped"), std::string::npos);
}

TEST(FormatSummary, EmptyCrawl) {
  EXPECT_EQ(FormatSummary(Summary{}),
            "Crawl finished in 0.0 s.\n"
            "  Pages                   0  (0.0 pages/s)\n"
            "  Errors                  0\n"
            "  Received              0 B\n"
            "  Discovered              0  URLs\n"
            "  Left in queue           0  URLs\n"
            "  Out of scope            0  links\n"
            "  Robots.txt said no      0  URLs\n"
            "  Nofollow                0  links\n"
            "  Over a cap              0  URLs\n"
            "  From sitemaps           0  URLs\n"
            "  Retries                 0\n"
            "  Worker restarts         0\n"
            "  Quarantined             0  URLs\n"
            "  Workers                 0  0 fetchers, 0 parsers\n"
            "  CPU                 0.0 s  coordinator 0.0 s, fetchers 0.0 s, parsers 0.0 s\n");
}

TEST(FormatSummary, EveryLineEndsInANewline) {
  const std::string text = FormatSummary(Sample());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find("\n\n"), std::string::npos);
}

}  // namespace
}  // namespace arachne
