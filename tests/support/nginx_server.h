// NginxServer: a real nginx serving a folder on 127.0.0.1 for one test, over HTTPS with HTTP/2 when asked
// (a self-signed certificate is made for it), so the fetcher meets TLS and ALPN as on the web.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "common/unique_fd.h"
#include "process/child_process.h"

namespace arachne::test {

// A port nothing listens on right now (the kernel's choice for a socket bound to port 0).
inline std::uint16_t FreeLoopbackPort() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return 0;
  }
  return ntohs(address.sin_port);
}

inline bool Accepts(std::uint16_t port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return ::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
}

// Runs a program to its end (bounded); its exit status, or -1.
inline int RunProgram(const std::string& executable, std::vector<std::string> argv) {
  Result<ChildProcess> child = ChildProcess::Spawn({executable, std::move(argv), {}});
  if (!child.ok()) return -1;
  int status = child->WaitOrKill(60000);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class NginxServer {
 public:
  // Serves `root` (made world-readable: nginx may drop privileges) with its files in `work`. With `tls`,
  // https and HTTP/2 on a certificate for 127.0.0.1 written to work/cert.pem, the CA file to trust.
  static std::unique_ptr<NginxServer> Start(const std::string& root, const std::string& work, bool tls) {
    ::chmod(root.c_str(), 0755);
    std::unique_ptr<NginxServer> server(new NginxServer);
    server->work_ = work;
    server->port_ = FreeLoopbackPort();
    if (tls && RunProgram("/usr/bin/openssl",
                          {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                           "-nodes", "-keyout", work + "/key.pem", "-out", work + "/cert.pem", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"}) != 0) {
      return nullptr;
    }
    std::string listen = "listen 127.0.0.1:" + std::to_string(server->port_) +
                         (tls ? " ssl http2; ssl_certificate " + work + "/cert.pem; ssl_certificate_key " + work +
                                    "/key.pem;"
                              : ";");
    std::ofstream(work + "/nginx.conf")
        << "daemon off; master_process off; pid " << work << "/nginx.pid; error_log " << work << "/error.log;\n"
        << "events { worker_connections 256; }\n"
        << "http { include /etc/nginx/mime.types; client_body_temp_path " << work << ";\n"
        << "  proxy_temp_path " << work << "; fastcgi_temp_path " << work << "; uwsgi_temp_path " << work
        << "; scgi_temp_path " << work << ";\n"
        << "  log_format t '$connection $server_protocol $status $request_uri';\n"
        << "  server { " << listen << " root " << root << "; access_log " << work << "/access.log t; } }\n";
    Result<ChildProcess> nginx =
        ChildProcess::Spawn({"/usr/sbin/nginx", {"nginx", "-c", work + "/nginx.conf"}, {}});
    if (!nginx.ok()) return nullptr;
    server->process_ = std::move(*nginx);
    for (int i = 0; i < 500; ++i) {  // up to 5 s to listen
      if (Accepts(server->port_)) return server;
      if (server->process_.TryWait()) return nullptr;  // it exited: a bad config, or the port was taken
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
  }
  ~NginxServer() {
    process_.Signal(SIGTERM);  // "fast shutdown"; master_process off, so there is no worker to orphan
    process_.WaitOrKill(5000);
  }

  std::uint16_t port() const { return port_; }
  std::string access_log() const { return work_ + "/access.log"; }
  std::string error_log() const { return work_ + "/error.log"; }

 private:
  NginxServer() = default;
  std::string work_;
  std::uint16_t port_ = 0;
  ChildProcess process_;
};

}  // namespace arachne::test
