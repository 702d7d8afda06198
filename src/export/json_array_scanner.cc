#include "export/json_array_scanner.h"

#include <cstdio>
#include <string>
#include <utility>

namespace arachne {

namespace {

// RFC 8259 section 2: the four whitespace characters allowed around structural characters.
bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

Status JsonArrayScanner::Feed(std::string_view bytes, std::vector<std::string>& records) {
  for (const char c : bytes) {
    if (!status_.ok()) return status_;
    status_ = Step(c, records);
    ++offset_;
  }
  return status_;
}

Status JsonArrayScanner::Step(char c, std::vector<std::string>& records) {
  if (state_ == State::kInRecord) {
    StepInRecord(c, records);
    return Status::Ok();
  }
  if (IsJsonSpace(c)) return Status::Ok();
  switch (state_) {
    case State::kBeforeArray:
      if (c != '[') return Unexpected(c, "'[' to open the JSON array");
      state_ = State::kFirstRecord;
      break;
    case State::kFirstRecord:
    case State::kNextRecord:
      if (c == ']' && state_ == State::kFirstRecord) {
        state_ = State::kAfterArray;
        break;
      }
      if (c != '{') return Unexpected(c, state_ == State::kFirstRecord ? "a record or ']'" : "a record");
      state_ = State::kInRecord;
      StepInRecord(c, records);
      return Status::Ok();
    case State::kAfterRecord:
      if (c != ',' && c != ']') return Unexpected(c, "',' or ']' after a record");
      if (c == ',') {
        state_ = State::kNextRecord;
        return Status::Ok();  // a comma alone does not make the text longer by a whole record
      }
      state_ = State::kAfterArray;
      break;
    case State::kAfterArray: return Unexpected(c, "nothing after the JSON array");
    case State::kInRecord: break;
  }
  whole_length_ = offset_ + 1;
  return Status::Ok();
}

void JsonArrayScanner::StepInRecord(char c, std::vector<std::string>& records) {
  record_ += c;
  if (in_string_) {
    if (escaped_) {
      escaped_ = false;
    } else if (c == '\\') {
      escaped_ = true;
    } else if (c == '"') {
      in_string_ = false;
    }
    return;
  }
  if (c == '"') in_string_ = true;
  if (c == '{' || c == '[') ++depth_;
  if (c != '}' && c != ']') return;
  if (--depth_ > 0) return;
  records.push_back(std::move(record_));
  record_.clear();
  state_ = State::kAfterRecord;
  whole_length_ = offset_ + 1;
}

Status JsonArrayScanner::Unexpected(char c, std::string_view expected) {
  char found[16];
  if (c >= 0x20 && c < 0x7F) {
    std::snprintf(found, sizeof found, "'%c'", c);
  } else {
    std::snprintf(found, sizeof found, "byte 0x%02X", static_cast<unsigned char>(c));
  }
  return Status::InvalidArgument("byte " + std::to_string(offset_) + ": expected " + std::string(expected) +
                                 ", found " + found);
}

std::string_view JsonArrayScanner::Incomplete() const {
  switch (state_) {
    case State::kBeforeArray: return "no JSON array";
    case State::kInRecord: return "an incomplete record";
    case State::kAfterArray: return "";
    default: return "the JSON array is not closed";
  }
}

}  // namespace arachne
