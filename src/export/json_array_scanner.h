// JsonArrayScanner: the records of a JSON output (a JSON array of objects, RFC 8259 section 5) found in its
// text fed a block at a time, each handed out whole once its last byte arrives; so that a file of
// gigabytes is read back one record at a time, and a file cut short still gives every record before the cut.
// It follows only the array's structure (brackets, commas, strings); each record's own syntax is checked by
// whoever reads it (json_record_url.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne {

class JsonArrayScanner {
 public:
  // Scans the next bytes of the text and appends each record they complete to `records`. InvalidArgument,
  // with the byte offset ("byte 17: ..."), when the text cannot be an array of objects; later calls return
  // the same.
  Status Feed(std::string_view bytes, std::vector<std::string>& records);

  // Once the text has all been fed: "" when the array was closed, else what its end lacks ("the JSON array
  // is not closed", "an incomplete record", "no JSON array" for a text of whitespace only).
  std::string_view Incomplete() const;
  // The length of the text up to the end of the last whole record (or the '[' or ']'): what follows is a
  // record cut short or the separators of none.
  std::uint64_t whole_length() const { return whole_length_; }

 private:
  enum class State { kBeforeArray, kFirstRecord, kNextRecord, kInRecord, kAfterRecord, kAfterArray };

  Status Step(char c, std::vector<std::string>& records);
  void StepInRecord(char c, std::vector<std::string>& records);
  Status Unexpected(char c, std::string_view expected);

  State state_ = State::kBeforeArray;
  std::string record_;  // the record being scanned
  int depth_ = 0;       // objects and arrays open in it
  bool in_string_ = false;
  bool escaped_ = false;  // the previous byte in a string was a backslash
  std::uint64_t offset_ = 0;
  std::uint64_t whole_length_ = 0;
  Status status_;
};

}  // namespace arachne
