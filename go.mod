module wallpress

go 1.26.0

require (
	github.com/disintegration/imaging v1.6.2
	github.com/yuin/goldmark v1.8.7
	golang.org/x/text v0.44.0
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/image v0.48.0
