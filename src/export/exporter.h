// Exporter: where records go once the crawl has them, one file per output format.
//
// The coordinator calls Write for every record from its hot loop (10,000+ records/s), Flush about once a
// second so that someone tailing the file sees progress, and Close at the end. Writes are buffered: Write
// makes a system call only when the buffer is full, so an I/O error (disk full ...) may surface on a later
// Write, on Flush or on Close. Once a write has failed, every later call returns that failure.
// Whatever bytes a Record holds, the file is valid UTF-8: ill-formed sequences become U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/record.h"
#include "arachne/status.h"

namespace arachne {

class Exporter {
 public:
  virtual ~Exporter() = default;

  virtual Status Write(const Record& record) = 0;
  // An HTTP exchange's WARC records (FetchOutcome::warc), for an archive; record formats ignore them.
  virtual Status Archive(std::string_view /*warc_records*/) { return Status::Ok(); }
  // The links a page leads the crawl to (in scope, followed), for a link graph; record formats ignore them.
  virtual Status Links(std::string_view /*from*/, const std::vector<std::string>& /*to*/) { return Status::Ok(); }
  // Hands everything written so far to the operating system (not fsync: it is about visibility).
  virtual Status Flush() = 0;
  // Writes everything so far to disk (fsync) and returns the file's length without its closing part
  // (a JSON array's bracket): the length to reopen it at (OpenExporters) and go on writing records.
  virtual Result<std::uint64_t> Sync() = 0;
  // Finishes the file (a JSON array gets its closing bracket), flushes it and closes it, reporting any
  // write error not reported yet. Calling it again returns the same Status; Write after Close fails.
  // An exporter destroyed without Close closes itself and drops the Status.
  virtual Status Close() = 0;

  // The file this exporter writes.
  virtual const std::string& path() const = 0;
};

}  // namespace arachne
