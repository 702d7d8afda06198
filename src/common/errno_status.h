// Turns a failed system call into a Status that names what was being done.
#pragma once

#include <cerrno>
#include <cstring>
#include <string>

#include "arachne/status.h"

namespace arachne {

// ErrnoStatus("socketpair") -> "I/O error: socketpair: Too many open files".
inline Status ErrnoStatus(const std::string& what, int err = errno) {
  return Status::IoError(what + ": " + std::strerror(err));
}

}  // namespace arachne
