/** The app's optimiser slots under PyTorch's names for the same quantities (its optimisers follow PyTorch's update rules). */
export const TORCH_SLOTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  adam: { m: 'exp_avg', v: 'exp_avg_sq' },
  sgd: { momentum: 'momentum_buffer' },
  rmsprop: { v: 'square_avg', momentum: 'momentum_buffer' },
};
