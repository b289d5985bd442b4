// peer-go-server: the grpc-go interop peer for Wirescope's tests.
//
// Implements peer.v1.PeerService (tests/interop/proto/peer/v1/peer.proto) with
// grpc-go as Debian 12 ships it (1.33.3) and registers server reflection
// (grpc.reflection.v1alpha only: grpc-go 1.33 has no v1).
//
// Usage:
//
//	peer-go-server [--port N] [--host ADDR] [--tls CERT_PEM KEY_PEM]
//
//	--port N    TCP port; 0 (default) picks a free one
//	--host ADDR address to bind; default 127.0.0.1
//	--tls C K   serve TLS with certificate chain C and private key K (PEM files)
//
// Options may also be written --port=N / --host=ADDR, and with a single dash.
// Once listening it prints exactly "LISTENING <port>" on stdout. It exits when
// stdin reaches EOF, or on SIGTERM / SIGINT.
//
// Built by build.sh, which generates peer.pb.go and peer_grpc.pb.go with
// protoc-gen-go and protoc-gen-go-grpc into the same package (main).
package main

import (
	"context"
	"fmt"
	"io"
	"io/ioutil"
	"net"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

const (
	serverName = "grpc-go"
	maxMsgSize = 16 * 1024 * 1024
)

type peerServer struct {
	UnimplementedPeerServiceServer
}

// metadataKeys lists the request metadata keys the way EchoResponse.metadata_keys wants them.
func metadataKeys(ctx context.Context) []string {
	md, _ := metadata.FromIncomingContext(ctx)
	keys := make([]string, 0, len(md))
	for k := range md {
		k = strings.ToLower(k)
		if strings.HasPrefix(k, "grpc-") || strings.HasPrefix(k, ":") ||
			k == "user-agent" || k == "content-type" || k == "te" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (peerServer) Echo(ctx context.Context, req *EchoRequest) (*EchoResponse, error) {
	header := metadata.Pairs("x-peer", serverName)
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if v := md.Get("x-echo"); len(v) > 0 {
			header.Append("x-echo", v...)
		}
	}
	if err := grpc.SetHeader(ctx, header); err != nil {
		return nil, err
	}
	if err := grpc.SetTrailer(ctx, metadata.Pairs("x-trailer", "done")); err != nil {
		return nil, err
	}
	return &EchoResponse{Text: "echo: " + req.GetText(), MetadataKeys: metadataKeys(ctx)}, nil
}

func (peerServer) Mirror(ctx context.Context, req *Everything) (*Everything, error) {
	return req, nil
}

func (peerServer) Fail(ctx context.Context, req *FailRequest) (*emptypb.Empty, error) {
	code := codes.Code(req.GetCode())
	if code == codes.OK {
		code = codes.InvalidArgument
	}
	st, err := status.New(code, req.GetMessage()).WithDetails(
		&errdetails.ErrorInfo{
			Reason:   "PEER_FAILURE",
			Domain:   "peer.example",
			Metadata: map[string]string{"server": serverName},
		},
		&errdetails.BadRequest{
			FieldViolations: []*errdetails.BadRequest_FieldViolation{
				{Field: "code", Description: "always fails"},
			},
		},
	)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "building status details: %v", err)
	}
	grpc.SetTrailer(ctx, metadata.Pairs("x-trailer", "failed"))
	return nil, st.Err()
}

// sleep waits d or until ctx ends; it reports whether the full delay passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (peerServer) Slow(ctx context.Context, req *SlowRequest) (*emptypb.Empty, error) {
	if !sleep(ctx, time.Duration(req.GetDelayMs())*time.Millisecond) {
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	return &emptypb.Empty{}, nil
}

func (peerServer) Ticks(req *TicksRequest, stream PeerService_TicksServer) error {
	ctx := stream.Context()
	interval := time.Duration(req.GetIntervalMs()) * time.Millisecond
	for i := int32(1); i <= req.GetCount(); i++ {
		if i > 1 && !sleep(ctx, interval) {
			return status.FromContextError(ctx.Err()).Err()
		}
		if err := stream.Send(&Tick{Seq: int64(i)}); err != nil {
			return err
		}
	}
	return nil
}

func (peerServer) Collect(stream PeerService_CollectServer) error {
	sum := &Summary{Names: []string{}}
	for {
		item, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(sum)
		}
		if err != nil {
			return err
		}
		sum.Items++
		sum.TotalQuantity += item.GetQuantity()
		sum.Names = append(sum.Names, item.GetName())
	}
}

func (peerServer) Chat(stream PeerService_ChatServer) error {
	for {
		line, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(&Line{Text: "re: " + line.GetText()}); err != nil {
			return err
		}
	}
}

func (peerServer) Big(ctx context.Context, req *BlobRequest) (*Blob, error) {
	n := int(req.GetSize())
	if n < 0 || n > maxMsgSize-64 {
		return nil, status.Errorf(codes.InvalidArgument, "size must be between 0 and %d", maxMsgSize-64)
	}
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i % 251)
	}
	return &Blob{Data: data}, nil
}

func usage(msg string) {
	if msg != "" {
		fmt.Fprintln(os.Stderr, "peer-go-server:", msg)
	}
	fmt.Fprintln(os.Stderr, "usage: peer-go-server [--port N] [--host ADDR] [--tls CERT_PEM KEY_PEM]")
	os.Exit(2)
}

func main() {
	host, port := "127.0.0.1", 0
	certFile, keyFile := "", ""
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		name, value, hasValue := args[i], "", false
		if strings.HasPrefix(name, "-") {
			name = "--" + strings.TrimLeft(name, "-")
			if eq := strings.IndexByte(name, '='); eq >= 0 {
				name, value, hasValue = name[:eq], name[eq+1:], true
			}
		}
		next := func() string {
			if hasValue {
				hasValue = false
				return value
			}
			i++
			if i >= len(args) {
				usage(name + " needs a value")
			}
			return args[i]
		}
		switch name {
		case "--port":
			p, err := strconv.Atoi(next())
			if err != nil || p < 0 || p > 65535 {
				usage("bad port")
			}
			port = p
		case "--host":
			host = next()
		case "--tls":
			certFile = next()
			keyFile = next()
		case "--help", "--h":
			usage("")
		default:
			usage("unknown argument " + args[i])
		}
	}

	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(maxMsgSize),
		grpc.MaxSendMsgSize(maxMsgSize),
	}
	if certFile != "" {
		creds, err := credentials.NewServerTLSFromFile(certFile, keyFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "peer-go-server: loading TLS key pair:", err)
			os.Exit(1)
		}
		opts = append(opts, grpc.Creds(creds))
	}

	lis, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "peer-go-server:", err)
		os.Exit(1)
	}

	s := grpc.NewServer(opts...)
	RegisterPeerServiceServer(s, peerServer{})
	reflection.Register(s)

	done := make(chan struct{}, 2)
	go func() {
		io.Copy(ioutil.Discard, os.Stdin)
		done <- struct{}{}
	}()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		done <- struct{}{}
	}()
	served := make(chan error, 1)
	go func() { served <- s.Serve(lis) }()

	// os.Stdout is unbuffered in Go: the line is out once Fprintf returns.
	fmt.Fprintf(os.Stdout, "LISTENING %d\n", lis.Addr().(*net.TCPAddr).Port)

	select {
	case <-done:
	case err := <-served:
		fmt.Fprintln(os.Stderr, "peer-go-server: serve:", err)
		os.Exit(1)
	}
	stopped := make(chan struct{})
	go func() { s.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		s.Stop()
	}
}
