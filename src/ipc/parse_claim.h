// ParseClaim: which job a parser is working on, in a page of shared memory the coordinator reads.
//
// A parser claims each job before it parses it, so that if the page kills the parser (a crash, a hang)
// the coordinator knows whose fault it was: a page that kills parsers is quarantined instead of retried
// forever. As a message (it was one, "Took"), the claim cost a system call and a wake-up of the
// coordinator per page, a tenth of a crawl's CPU time; here it is two stores. The coordinator reads it
// when it needs to: when the parser dies or goes silent, and once a second for the parse deadline.
//
// The coordinator creates one per parser slot and keeps it across restarts; the parser maps the
// descriptor it inherits.
#pragma once

#include <cstdint>
#include <optional>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

class ParseClaim {
 public:
  struct Held {
    std::uint64_t id;       // the job's (FetchOutcome::id; never 0)
    std::int64_t since_ns;  // when it was claimed, CLOCK_MONOTONIC (SharedBodyClockNs)
  };

  // The coordinator's: a new, empty claim.
  static Result<ParseClaim> Create();
  // The parser's: the claim behind an inherited descriptor.
  static Result<ParseClaim> Open(UniqueFd fd);

  ParseClaim(ParseClaim&& other) noexcept;
  ParseClaim& operator=(ParseClaim&& other) noexcept;
  ParseClaim(const ParseClaim&) = delete;
  ParseClaim& operator=(const ParseClaim&) = delete;
  ~ParseClaim();

  // The descriptor to hand to the parser.
  int fd() const { return fd_.get(); }

  // Parser: working on job `id` from now on; Release: on none (also the coordinator's, for a new process
  // in the slot).
  void Claim(std::uint64_t id);
  void Release();

  // Coordinator: the job claimed now, if any. The time read may be of a later claim than the id (never
  // of an earlier one): a job seen as claimed later than it was is one already done.
  std::optional<Held> Current() const;

 private:
  struct Page;
  ParseClaim(UniqueFd fd, Page* page) : fd_(std::move(fd)), page_(page) {}

  UniqueFd fd_;
  Page* page_ = nullptr;
};

}  // namespace arachne
