// Errors: the problems a failed seed-file load reports, one per line, for tests to match line by line.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "arachne/config.h"

namespace arachne::test {

inline std::vector<std::string> Errors(const Result<Config>& result) {
  EXPECT_FALSE(result.ok());
  std::vector<std::string> lines;
  if (result.ok()) return lines;
  EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument) << result.status().ToString();
  const std::string text = result.status().message();
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

}  // namespace arachne::test
