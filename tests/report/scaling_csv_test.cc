// Reading bench/results/scaling.csv: the columns by name, and a clear refusal of bad rows.
#include "report/scaling_csv.h"

#include <gtest/gtest.h>

namespace arachne::report {
namespace {

constexpr char kHeader[] =
    "fetchers,parsers,urls,wall_s,pages_per_s,pages_per_s_min,pages_per_s_max,cpu_ms_per_page,"
    "coordinator_ms_per_page,fetchers_ms_per_page,parsers_ms_per_page,peak_rss_mib\n";

std::string ErrorOf(const std::string& text) {
  Result<std::vector<ScalingRow>> rows = ParseScalingCsv(text, "scaling.csv");
  EXPECT_FALSE(rows.ok()) << text;
  return rows.ok() ? "" : rows.status().message();
}

TEST(ScalingCsv, ReadsTheBenchFile) {
  Result<std::vector<ScalingRow>> rows =
      ReadScalingCsv(ARACHNE_TEST_DATA_DIR "/../../bench/results/scaling.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_FALSE(rows->empty());
  EXPECT_EQ((*rows)[0].fetchers, 1);
  EXPECT_EQ((*rows)[0].parsers, 1);
  EXPECT_GT((*rows)[0].pages_per_s, 0);
}

TEST(ScalingCsv, FindsColumnsByName) {
  const std::string text = std::string(kHeader) +
                           "1,1,33257,1.682,19772.3,16636.8,21736.6,0.0572,0.006,0.0271,0.0241,105.3\n"
                           "\n"
                           "2,4,33257,1.835,18123.7,15062.0,19831.2,0.0724,0.009,0.0301,0.0331,170.4\r\n";
  Result<std::vector<ScalingRow>> rows = ParseScalingCsv(text, "scaling.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fetchers, 2);
  EXPECT_EQ((*rows)[1].parsers, 4);
  EXPECT_EQ((*rows)[1].urls, 33257u);
  EXPECT_DOUBLE_EQ((*rows)[1].wall_s, 1.835);
  EXPECT_DOUBLE_EQ((*rows)[1].pages_per_s, 18123.7);

  // Another order of the columns, fewer of them, spaces around the fields.
  rows = ParseScalingCsv("pages_per_s, wall_s, urls, parsers, fetchers\n 500.5, 2, 1000, 2, 1\n", "s.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].fetchers, 1);
  EXPECT_EQ((*rows)[0].parsers, 2);
  EXPECT_DOUBLE_EQ((*rows)[0].pages_per_s, 500.5);
}

TEST(ScalingCsv, AHeaderWithoutRowsIsNoRows) {
  Result<std::vector<ScalingRow>> rows = ParseScalingCsv(kHeader, "scaling.csv");
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST(ScalingCsv, RefusesAFileWithoutTheColumns) {
  EXPECT_EQ(ErrorOf(""), "scaling.csv: empty (expected a header and rows)");
  EXPECT_EQ(ErrorOf("\n\nfetchers,parsers,urls,wall_s\n1,1,1,1\n"),
            "scaling.csv:3: no column \"pages_per_s\" (expected a header such as "
            "fetchers,parsers,urls,wall_s,pages_per_s)");
  EXPECT_EQ(ErrorOf("1,1,33257,1.682,19772.3\n").rfind("scaling.csv:1: no column \"fetchers\"", 0), 0u);
}

TEST(ScalingCsv, RefusesBadRows) {
  const std::string h = "fetchers,parsers,urls,wall_s,pages_per_s\n";
  EXPECT_EQ(ErrorOf(h + "1,1,10,1.5\n"), "scaling.csv:2: expected 5 fields, found 4");
  EXPECT_EQ(ErrorOf(h + "1,1,10,1.5,100\n1,2,10,1.5,100,7\n"), "scaling.csv:3: expected 5 fields, found 6");
  EXPECT_EQ(ErrorOf(h + "1,1,10,1.5,fast\n"),
            "scaling.csv:2: column pages_per_s: \"fast\" is not a number >= 0");
  EXPECT_EQ(ErrorOf(h + "1,1,10,1.5,nan\n"),
            "scaling.csv:2: column pages_per_s: \"nan\" is not a number >= 0");
  EXPECT_EQ(ErrorOf(h + "1,1,10,-2,100\n"), "scaling.csv:2: column wall_s: \"-2\" is not a number >= 0");
  EXPECT_EQ(ErrorOf(h + "0,1,10,1.5,100\n"),
            "scaling.csv:2: column fetchers: \"0\" is not a whole number of at least 1");
  EXPECT_EQ(ErrorOf(h + "1,1.5,10,1.5,100\n"),
            "scaling.csv:2: column parsers: \"1.5\" is not a whole number of at least 1");
  EXPECT_EQ(ErrorOf(h + "1,,10,1.5,100\n"),
            "scaling.csv:2: column parsers: \"\" is not a whole number of at least 1");
}

TEST(ScalingCsv, AMissingFileIsNotFound) {
  Result<std::vector<ScalingRow>> rows = ReadScalingCsv("/nonexistent/scaling.csv");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Status::Code::kNotFound);
  EXPECT_NE(rows.status().message().find("/nonexistent/scaling.csv"), std::string::npos);
}

}  // namespace
}  // namespace arachne::report
