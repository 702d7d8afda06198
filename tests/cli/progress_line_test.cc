#include "cli/progress_line.h"

#include <gtest/gtest.h>

#include <limits>

namespace arachne {
namespace {

Progress Sample() {
  Progress p;
  p.pages = 1234;
  p.pages_per_s = 412.3;
  p.queued = 5678;
  p.in_flight = 64;
  p.errors = 3;
  p.bytes = 12'400'000;
  p.elapsed_s = 3.5;
  return p;
}

TEST(FormatProgressLine, ShowsEveryFieldWhenThereIsRoom) {
  EXPECT_EQ(FormatProgressLine(Sample(), 120),
            "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  12.4 MB  0:03");
}

TEST(FormatProgressLine, DropsTheLeastUsefulFieldsFirst) {
  EXPECT_EQ(FormatProgressLine(Sample(), 70),
            "  1,234 pages  412.3 pages/s  queue 5,678  errors 3  12.4 MB  0:03");
  EXPECT_EQ(FormatProgressLine(Sample(), 60), "  1,234 pages  412.3 pages/s  queue 5,678  errors 3  0:03");
  EXPECT_EQ(FormatProgressLine(Sample(), 45), "  1,234 pages  412.3 pages/s  errors 3  0:03");
  EXPECT_EQ(FormatProgressLine(Sample(), 35), "  1,234 pages  412.3 pages/s  0:03");
  EXPECT_EQ(FormatProgressLine(Sample(), 30), "  1,234 pages  412.3 pages/s");
  EXPECT_EQ(FormatProgressLine(Sample(), 20), "  1,234 pages");
}

TEST(FormatProgressLine, ShowsRetriesAndRestartsOnceThereAreAny) {
  Progress p = Sample();
  p.retries = 5;
  p.restarts = 1;
  EXPECT_EQ(FormatProgressLine(p, 120),
            "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  retries 5  restarts 1  12.4 MB  0:03");
  EXPECT_EQ(FormatProgressLine(p, 75),
            "  1,234 pages  412.3 pages/s  queue 5,678  errors 3  restarts 1  0:03");
  p.retries = 0;
  EXPECT_EQ(FormatProgressLine(p, 120),
            "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  restarts 1  12.4 MB  0:03");
}

TEST(FormatProgressLine, CutsThePageCountOnlyAsALastResort) {
  EXPECT_EQ(FormatProgressLine(Sample(), 12), "1,234 pages");
  EXPECT_EQ(FormatProgressLine(Sample(), 5), "1,234");
  EXPECT_EQ(FormatProgressLine(Sample(), 0), "");
  EXPECT_EQ(FormatProgressLine(Sample(), -1), "");
}

TEST(FormatProgressLine, AlwaysFitsAndHasNoLineBreak) {
  Progress huge;
  const auto max = std::numeric_limits<std::uint64_t>::max();
  huge.pages = huge.queued = huge.in_flight = huge.errors = huge.bytes = max;
  huge.pages_per_s = std::numeric_limits<double>::infinity();
  huge.elapsed_s = 1e15;
  for (int width = 0; width <= 200; ++width) {
    const std::string line = FormatProgressLine(huge, width);
    EXPECT_LE(line.size(), static_cast<std::size_t>(width));
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos);
  }
}

TEST(FormatProgressLine, ShowsWhatEachProcessDoesWhenThereIsRoom) {
  Progress p = Sample();
  p.processes = {ProcessState{"fetcher 1", "fetcher", 101, 64, true, 0.9, 10},
                 ProcessState{"fetcher 2", "fetcher", 0, 0, false, 0, 3},  // being restarted
                 ProcessState{"parser 1", "parser", 103, 1, true, 0.874, 7},
                 ProcessState{"parser 2", "parser", 104, 0, false, 0.4, 6}};
  EXPECT_EQ(FormatProgressLine(p, 140), "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  12.4 MB  0:03  "
                                        "f1 64 f2 - | p1 87% p2 40%");
  // The first field to go when the line is too wide.
  EXPECT_EQ(FormatProgressLine(p, 100),
            "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  12.4 MB  0:03");
  p.processes.resize(2);  // fetchers only: no separator
  EXPECT_EQ(FormatProgressLine(p, 140),
            "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  12.4 MB  0:03  f1 64 f2 -");
}

TEST(FormatProgressLine, StartOfCrawl) {
  EXPECT_EQ(FormatProgressLine(Progress{}, 100),
            "  0 pages  0.0 pages/s  queue 0  in flight 0  errors 0  0 B  0:00");
}

}  // namespace
}  // namespace arachne
