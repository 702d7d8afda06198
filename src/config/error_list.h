// ErrorList: the problems found in a seed file, gathered so that the user sees all of them at once rather
// than fixing one, rerunning and meeting the next.
#pragma once

#include <string>
#include <vector>

#include "arachne/status.h"

namespace arachne {

class ErrorList {
 public:
  // `line` orders the problems as they appear in the file, whatever order they were found in (toml++
  // keeps a table's keys sorted by name, not by position); 0 for problems of the file as a whole.
  void Add(std::string message, unsigned line = 0) { entries_.push_back({line, std::move(message)}); }
  // Adds every problem of `other`, all placed at `line`.
  void Append(const ErrorList& other, unsigned line) {
    for (const Entry& entry : other.entries_) Add(entry.message, line);
  }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  // OK when empty; else InvalidArgument with one problem a line, by line, then in the order added.
  Status ToStatus() const;

 private:
  struct Entry {
    unsigned line;
    std::string message;
  };
  std::vector<Entry> entries_;
};

// Where a problem is, as the start of its message: "seeds/x.toml:7: [scope] deny[1]: ".
// `source` empty leaves out the file and line (configs built in code); `line` 0 leaves out the line;
// `table` empty is the top level; `index` < 0 names the key rather than one element of its list.
std::string Where(const std::string& source, unsigned line, std::string_view table, std::string_view key,
                  long index = -1);

}  // namespace arachne
