#include "config/url_list.h"

#include "config/config_rules.h"

namespace arachne {

namespace {

constexpr std::string_view kSpace = " \t\r\v\f";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view Trim(std::string_view s) {
  const std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

}  // namespace

std::vector<std::string> ParseUrlList(std::string_view text, const std::string& source, ErrorList& errors) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  std::vector<std::string> urls;
  unsigned line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line.front() == '#') continue;

    const std::size_t url_end = line.find_first_of(kSpace);
    const std::string_view url = line.substr(0, url_end);
    const std::string_view rest = url_end == std::string_view::npos ? "" : Trim(line.substr(url_end));
    const std::string where = source + ":" + std::to_string(line_number) + ": ";
    if (!rest.empty() && rest.front() != '#') {
      errors.Add(where + "expected one URL a line, got \"" + std::string(line) + "\"");
      continue;
    }
    if (std::string problem = CheckSeedUrl(url); !problem.empty()) {
      errors.Add(where + problem);
      continue;
    }
    urls.emplace_back(url);
  }
  return urls;
}

}  // namespace arachne
