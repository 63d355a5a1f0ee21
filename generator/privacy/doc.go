// Package privacy finds and masks residents' names and room numbers in text published online.
package privacy
