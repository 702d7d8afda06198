#include "cli/log_line.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace arachne {
namespace {

constexpr std::int64_t kWhen = 1'764'624'780'123;  // 2025-12-01T21:33:00.123Z

TEST(FormatLogLine, TextNamesErrorsAndWarningsOnly) {
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kInfo, "starting parser 2", kWhen), "arachne: starting parser 2\n");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kWarning, "parser 1 died", kWhen),
            "arachne: warning: parser 1 died\n");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kError, "disk full", kWhen), "arachne: error: disk full\n");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kDebug, "retry", kWhen), "arachne: retry\n");
}

TEST(FormatLogLine, JsonIsOneObjectALineWithTimeLevelAndMessage) {
  const std::string line =
      FormatLogLine(LogFormat::kJson, LogLevel::kWarning, "a \"quoted\"\nline \xff", kWhen);
  ASSERT_TRUE(line.ends_with("}\n"));
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line";
  const nlohmann::json entry = nlohmann::json::parse(line);
  EXPECT_EQ(entry.at("time"), "2025-12-01T21:33:00.123Z");
  EXPECT_EQ(entry.at("level"), "warning");
  EXPECT_EQ(entry.at("message"), "a \"quoted\"\nline \xEF\xBF\xBD");  // ill-formed UTF-8 replaced
  EXPECT_EQ(nlohmann::json::parse(FormatLogLine(LogFormat::kJson, LogLevel::kDebug, "x", 5)).at("time"),
            "1970-01-01T00:00:00.005Z");
}

TEST(ParseLogLevel, KnowsTheFourLevels) {
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
  EXPECT_EQ(ParseLogLevel("warning"), LogLevel::kWarning);
  EXPECT_EQ(ParseLogLevel("warn"), LogLevel::kWarning);
  EXPECT_EQ(ParseLogLevel("info"), LogLevel::kInfo);
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("INFO"), std::nullopt);
  EXPECT_EQ(ParseLogLevel(""), std::nullopt);
  EXPECT_STREQ(LogLevelName(LogLevel::kWarning), "warning");
}

}  // namespace
}  // namespace arachne
