#include "config/error_list.h"

#include <algorithm>

namespace arachne {

Status ErrorList::ToStatus() const {
  if (entries_.empty()) return Status::Ok();
  std::vector<Entry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Entry& a, const Entry& b) { return a.line < b.line; });
  std::string text;
  for (const Entry& entry : sorted) {
    if (!text.empty()) text += '\n';
    text += entry.message;
  }
  return Status::InvalidArgument(std::move(text));
}

std::string Where(const std::string& source, unsigned line, std::string_view table, std::string_view key,
                  long index) {
  std::string where;
  if (!source.empty()) {
    where += source;
    if (line > 0) where += ':' + std::to_string(line);
    where += ": ";
  }
  if (!table.empty()) {
    where += '[';
    where += table;
    where += ']';
    if (!key.empty()) where += ' ';
  }
  where += key;
  if (index >= 0) where += '[' + std::to_string(index) + ']';
  if (!table.empty() || !key.empty()) where += ": ";
  return where;
}

}  // namespace arachne
