#include "scope/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <utility>

namespace arachne {

namespace {

RE2::Options PatternOptions() {
  RE2::Options options;
  // A bad pattern is reported to the user through Status; RE2 must not also print to stderr.
  options.set_log_errors(false);
  // Only "does it match" is asked, so parentheses need not capture; this keeps the one-pass engines usable.
  options.set_never_capture(true);
  return options;
}

Status PatternError(std::string_view pattern, const std::string& error) {
  return Status::InvalidArgument("invalid regular expression '" + std::string(pattern) + "': " + error);
}

}  // namespace

struct PatternSet::SetHolder {
  explicit SetHolder(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
};

PatternSet::PatternSet() = default;
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

Status PatternSet::Check(std::string_view pattern) {
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), PatternOptions());
  if (!re.ok()) return PatternError(pattern, re.error());
  return Status::Ok();
}

Result<PatternSet> PatternSet::Compile(const std::vector<std::string>& patterns) {
  PatternSet result;
  if (patterns.empty()) return result;
  const RE2::Options options = PatternOptions();
  auto holder = std::make_unique<SetHolder>(options);
  for (const std::string& pattern : patterns) {
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) return PatternError(pattern, re->error());
    std::string error;
    if (holder->set.Add(pattern, &error) < 0) return PatternError(pattern, error);
    result.singles_.push_back(std::move(re));
  }
  // Compile fails only when the patterns need more memory than RE2 allows; the single RE2s still work.
  if (holder->set.Compile()) result.set_ = std::move(holder);
  return result;
}

bool PatternSet::MatchesAny(std::string_view text) const {
  if (singles_.empty()) return false;
  const re2::StringPiece piece(text.data(), text.size());
  if (set_) {
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (set_->set.Match(piece, nullptr, &info)) return true;
    if (info.kind == RE2::Set::kNoError) return false;
  }
  for (const auto& re : singles_) {
    if (RE2::PartialMatch(piece, *re)) return true;
  }
  return false;
}

}  // namespace arachne
