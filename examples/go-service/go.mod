module github.com/licensewarden/licensewarden/examples/go-service

go 1.25.0

require github.com/licensewarden/licensewarden/host/go v0.1.0

replace github.com/licensewarden/licensewarden/host/go => ../../host/go
