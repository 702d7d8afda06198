// Checks on the SVG the report draws: every coordinate is a finite number inside the view box, and counts
// of elements, for the chart tests.
#pragma once

#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace arachne::report::test {

inline std::size_t CountOf(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// `text` as a number, if all of it is one.
inline bool ParseNumber(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Problems with the geometry of one <svg>...</svg>: its viewBox "0 0 W H", then every x, x1, x2, cx, y, y1,
// y2, cy, width, height, r and each points pair a finite number in [0, W] or [0, H]; and no attribute
// value with "nan" or "inf" in it. Empty when all is well.
inline std::vector<std::string> GeometryProblems(const std::string& svg) {
  std::vector<std::string> problems;
  std::smatch box;
  if (!std::regex_search(svg, box, std::regex(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re")))
    return {"no viewBox"};
  const double width = std::stod(box[1]);
  const double height = std::stod(box[2]);
  const std::set<std::string> xs{"x", "x1", "x2", "cx", "width"};
  const std::set<std::string> ys{"y", "y1", "y2", "cy", "height", "r"};
  auto check = [&](const std::string& name, const std::string& value, double max) {
    double number = 0;
    if (!ParseNumber(value, number) || !(number >= 0 && number <= max)) {
      problems.push_back(name + "=\"" + value + "\" outside [0, " + std::to_string(max) + "]");
    }
  };
  const std::regex attribute(R"re(\s([a-zA-Z:-]+)="([^"]*)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), attribute); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[1];
    const std::string value = (*it)[2];
    if (std::regex_search(value, std::regex("nan|inf", std::regex::icase)))
      problems.push_back(name + "=" + value);
    if (xs.count(name) > 0) check(name, value, width);
    if (ys.count(name) > 0) check(name, value, height);
    if (name != "points") continue;
    const std::regex pair(R"(([^ ,]+),([^ ,]+))");
    for (auto p = std::sregex_iterator(value.begin(), value.end(), pair); p != std::sregex_iterator(); ++p) {
      check("points x", (*p)[1], width);
      check("points y", (*p)[2], height);
    }
  }
  return problems;
}

}  // namespace arachne::report::test
