#include "crawler/worker_executable.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#ifndef ARACHNE_INSTALLED_WORKER
#define ARACHNE_INSTALLED_WORKER "/usr/local/libexec/arachne-worker"
#endif

namespace arachne {

Result<std::string> ResolveWorkerExecutable(const std::string& configured) {
  std::vector<std::string> candidates;
  if (!configured.empty()) {
    candidates.push_back(configured);
  } else {
    if (const char* env = std::getenv("ARACHNE_WORKER"); env != nullptr && *env != '\0') {
      candidates.push_back(env);
    } else {
      std::error_code ec;
      std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
      if (!ec) candidates.push_back((self.parent_path() / "arachne-worker").string());
      // Relative to the shared library itself, so an installed tree works wherever it was moved.
      Dl_info info{};
      if (::dladdr(reinterpret_cast<void*>(&ResolveWorkerExecutable), &info) != 0 && info.dli_fname != nullptr) {
        std::filesystem::path library = std::filesystem::absolute(info.dli_fname, ec);
        if (!ec) candidates.push_back((library.parent_path().parent_path() / "libexec" / "arachne-worker").string());
      }
      candidates.push_back(ARACHNE_INSTALLED_WORKER);
    }
  }
  std::string tried;
  for (const std::string& candidate : candidates) {
    if (::access(candidate.c_str(), X_OK) == 0) {
      std::error_code ec;
      std::filesystem::path absolute = std::filesystem::absolute(candidate, ec);
      return ec ? candidate : absolute.string();
    }
    tried += (tried.empty() ? "" : ", ") + candidate;
  }
  return Status::NotFound("no worker executable (tried " + tried +
                          "); install arachne-worker, set ARACHNE_WORKER, or set Config::worker_executable");
}

}  // namespace arachne
