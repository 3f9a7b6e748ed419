// A list page streams in behind this; pages of one item (a product, a user) have none, so an
// unknown id answers 404 before anything is sent.
export { default } from "@/components/page-loading";
