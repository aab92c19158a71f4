/**
 * Products, their tags, and launches that start the announcement playbook.
 */
export { registerProductRoutes } from './products.routes.ts';
/** A product as the API answers it. */
export type ProductView = Awaited<ReturnType<typeof import('./products.service.ts').getProduct>>;
/** Who a launch would reach: the customers whose interests share a tag with the product. */
export type LaunchPreview = Awaited<ReturnType<typeof import('./launch-preview.ts').previewProductLaunch>>;
