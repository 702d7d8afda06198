// PatternSet: a list of RE2 regular expressions asked one question, "does any of them match this text?".
//
// RE2 rather than std::regex because scope patterns come from seed files and run on every link a crawl
// finds: RE2 matches in time linear in the text whatever the pattern, so a careless pattern cannot stall a
// parser process (no catastrophic backtracking), and one RE2::Set answers for all patterns in one pass.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace arachne {

class PatternSet {
 public:
  PatternSet();  // empty: matches nothing
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Compiles every pattern. Fails on the first that does not compile, with RE2's message:
  // "invalid regular expression 'a(b': missing ): a(b".
  static Result<PatternSet> Compile(const std::vector<std::string>& patterns);
  // Why `pattern` does not compile, with the same options Compile uses; OK if it does.
  static Status Check(std::string_view pattern);

  // True when at least one pattern matches somewhere in `text` (unanchored, as RE2::PartialMatch).
  bool MatchesAny(std::string_view text) const;
  bool empty() const { return singles_.empty(); }

 private:
  struct SetHolder;
  // The set answers in one DFA pass. Its DFA has a memory budget; should a match run out of it, the
  // patterns are tried one by one instead, so that a deny rule is never skipped silently.
  std::unique_ptr<SetHolder> set_;
  std::vector<std::unique_ptr<re2::RE2>> singles_;
};

}  // namespace arachne
