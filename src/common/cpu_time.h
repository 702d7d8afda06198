// CpuSeconds: the CPU time (user + system) that a struct rusage reports, in seconds.
#pragma once

#include <sys/resource.h>

namespace arachne {

inline double CpuSeconds(const rusage& usage) {
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace arachne
